use rocket::http::Status;
use rocket::request::{FromRequest, Outcome, Request};

pub struct User(pub String);

#[rocket::async_trait]
impl<'r> FromRequest<'r> for User {
    type Error = ();
    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, ()> {
        match req.headers().get_one("Authorization") {
            Some(t) => Outcome::Success(User(t.to_string())),
            None => Outcome::Error((Status::Unauthorized, ())),
        }
    }
}
