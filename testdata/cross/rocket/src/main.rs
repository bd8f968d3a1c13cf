// Drifted from ../openapi.yaml on purpose: see the cross tests.
#[macro_use]
extern crate rocket;

use rocket::http::Status;
use rocket::request::{FromRequest, Outcome, Request};

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

#[get("/tasks?<page>")]
fn list(page: Option<u32>) -> String {
    format!("{page:?}")
}

#[post("/tasks")]
fn create(_key: ApiKey<'_>) -> &'static str {
    "created"
}

#[put("/tasks/<id>")]
fn update(id: u32) -> String {
    id.to_string()
}

#[delete("/tasks/<id>")]
fn remove(_key: ApiKey<'_>, id: u32) -> String {
    id.to_string()
}

#[launch]
fn rocket() -> _ {
    rocket::build().mount("/", routes![list, create, update, remove])
}
