use rocket::Route;

use crate::guards::User;

#[route(GET, uri = "/members/<name>")]
fn profile(name: &str, user: User) -> String {
    name.to_string()
}

#[put("/members/<name>")]
fn update(name: &str) {}

#[get("/overdue")]
pub fn report(user: User) {}

pub fn routes() -> Vec<Route> {
    routes![profile, update]
}
