use rocket::http::Status;
use rocket::request::{FromRequest, Outcome, Request};

#[derive(Debug)]
pub struct BoardError(pub Status);

/// The project's `Result` (its handlers answer with `BoardError`'s status).
pub type BoardResult<T> = Result<T, BoardError>;

/// A publisher's bearer token, checked against the configured one.
pub struct Publisher(pub String);

#[rocket::async_trait]
impl<'r> FromRequest<'r> for Publisher {
    type Error = BoardError;

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        match req.headers().get_one("Authorization") {
            Some(t) if t.starts_with("Bearer ") => Outcome::Success(Publisher(t[7..].to_string())),
            _ => Outcome::Error((Status::Unauthorized, BoardError(Status::Unauthorized))),
        }
    }
}
