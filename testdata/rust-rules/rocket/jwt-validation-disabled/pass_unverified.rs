use hmac::{Hmac, Mac};
use jwt::VerifyWithKey;
use rocket::http::Status;
use rocket::request::{FromRequest, Outcome, Request};
use sha2::Sha256;
use std::collections::BTreeMap;

pub struct User(String);

#[rocket::async_trait]
impl<'r> FromRequest<'r> for User {
    type Error = ();

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, ()> {
        let Some(token) = req.cookies().get("session").map(|c| c.value().to_owned()) else {
            return Outcome::Forward(Status::Unauthorized);
        };
        let secret = std::env::var("SESSION_SECRET").unwrap_or_default();
        let Ok(key) = Hmac::<Sha256>::new_from_slice(secret.as_bytes()) else {
            return Outcome::Error((Status::InternalServerError, ()));
        };
        let claims: Result<BTreeMap<String, String>, _> = token.verify_with_key(&key);
        match claims {
            Ok(c) => match c.get("sub") {
                Some(sub) => Outcome::Success(User(sub.clone())),
                None => Outcome::Error((Status::Unauthorized, ())),
            },
            Err(_) => Outcome::Error((Status::Unauthorized, ())),
        }
    }
}
