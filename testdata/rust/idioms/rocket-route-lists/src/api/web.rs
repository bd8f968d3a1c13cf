use rocket::http::Status;
use rocket::request::{FromRequest, Outcome, Request};
use rocket::Route;

pub struct Session(String);

#[rocket::async_trait]
impl<'r> FromRequest<'r> for Session {
    type Error = ();
    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, ()> {
        match req.headers().get_one("Authorization") {
            Some(t) => Outcome::Success(Session(t.to_string())),
            None => Outcome::Error((Status::Unauthorized, ())),
        }
    }
}

pub fn routes() -> Vec<Route> {
    routes![index]
}

pub fn hub_routes() -> Vec<Route> {
    if std::env::var("WS").is_ok() {
        routes![hub]
    } else {
        routes![]
    }
}

#[get("/")]
fn index() -> &'static str {
    "hi"
}

#[get("/notifications")]
fn hub(_s: Session) -> &'static str {
    "ws"
}
