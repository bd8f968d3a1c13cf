use rocket::http::Status;
use rocket::request::{FromRequest, Outcome, Request};

pub struct Admin;

#[rocket::async_trait]
impl<'r> FromRequest<'r> for Admin {
    type Error = ();
    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, ()> {
        match req.headers().get_one("Authorization") {
            Some(_) => Outcome::Success(Admin),
            None => Outcome::Error((Status::Unauthorized, ())),
        }
    }
}

#[get("/users")]
pub fn list(_admin: Admin) -> &'static str {
    "[]"
}

#[delete("/users/<id>")]
pub fn remove(_admin: Admin, id: u64) -> String {
    id.to_string()
}
