#[macro_use]
extern crate rocket;

mod auth;

use auth::{FullAccess, Locale};

#[post("/reports", data = "<body>")]
fn create_report(_auth: FullAccess, body: String) -> String {
    body
}

#[post("/greetings", data = "<body>")]
fn greet(_l: Locale, body: String) -> String {
    body
}

#[launch]
fn rocket() -> _ {
    rocket::build().mount("/", routes![create_report, greet])
}
