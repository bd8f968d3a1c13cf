/// The terminal client's own `App`: no actix `App`, and not the web crate's.
pub struct App {
    pub title: String,
}

impl App {
    pub fn new() -> Self {
        App { title: "board".into() }
    }
}

pub async fn draw(app: &App) -> usize {
    app.title.len()
}
