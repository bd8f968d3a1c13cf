#[macro_use]
extern crate rocket;

use rocket::data::{self, Data, FromData, ToByteUnit};
use rocket::http::Status;
use rocket::request::Request;

pub struct SignedEvent(String);

#[rocket::async_trait]
impl<'r> FromData<'r> for SignedEvent {
    type Error = &'static str;

    async fn from_data(req: &'r Request<'_>, data: Data<'r>) -> data::Outcome<'r, Self> {
        let Some(sig) = req.headers().get_one("X-Hub-Signature-256") else {
            return data::Outcome::Error((Status::Forbidden, "unsigned"));
        };
        let body = match data.open(64.kibibytes()).into_string().await {
            Ok(s) => s.into_inner(),
            Err(_) => return data::Outcome::Error((Status::BadRequest, "unreadable")),
        };
        if !sig.ends_with(&body.len().to_string()) {
            return data::Outcome::Error((Status::Forbidden, "bad signature"));
        }
        data::Outcome::Success(SignedEvent(body))
    }
}

#[post("/webhook", data = "<event>")]
fn webhook(event: SignedEvent) -> String {
    event.0
}

#[get("/status")]
fn status() -> &'static str {
    "ok"
}

#[launch]
fn rocket() -> _ {
    rocket::build().mount("/", routes![webhook, status])
}
