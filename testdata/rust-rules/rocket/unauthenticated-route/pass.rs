#[macro_use]
extern crate rocket;

use rocket::http::Status;
use rocket::request::{FromRequest, Outcome, Request};
use rocket::serde::json::Json;

pub struct ApiKey<'r>(&'r str);

#[rocket::async_trait]
impl<'r> FromRequest<'r> for ApiKey<'r> {
    type Error = ();

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        match req.headers().get_one("x-api-key") {
            Some(key) => Outcome::Success(ApiKey(key)),
            None => Outcome::Error((Status::Unauthorized, ())),
        }
    }
}

#[post("/books", data = "<book>")]
fn add_book(key: ApiKey<'_>, book: Json<NewBook>) -> &'static str {
    "ok"
}

#[get("/books")]
fn list_books() -> &'static str {
    "[]"
}

#[post("/register", data = "<form>")]
fn register(form: Json<Signup>) -> &'static str {
    "ok"
}

#[get("/debug/config")]
fn dump_config(key: ApiKey<'_>) -> String {
    String::new()
}

#[launch]
fn rocket() -> _ {
    rocket::build().mount("/", routes![add_book, list_books, register, dump_config])
}
