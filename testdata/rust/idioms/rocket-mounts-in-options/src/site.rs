use rocket::Route;

#[get("/about")]
fn about() -> &'static str {
    "about"
}

pub fn routes() -> Vec<Route> {
    routes![about]
}
