use rocket::Route;

mod users;

#[get("/health")]
fn health() -> &'static str {
    "ok"
}

pub fn routes() -> Vec<Route> {
    routes![health, users::list, users::remove]
}
