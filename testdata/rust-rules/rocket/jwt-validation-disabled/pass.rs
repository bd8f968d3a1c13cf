use jsonwebtoken::{decode, DecodingKey, Validation};
use rocket::request::{FromRequest, Outcome, Request};

pub struct User(String);

#[rocket::async_trait]
impl<'r> FromRequest<'r> for User {
    type Error = ();

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        let token = req.headers().get_one("Authorization").unwrap_or("");
        let validation = Validation::default();
        let secret = std::env::var("JWT_SECRET").unwrap();
        let key = DecodingKey::from_secret(secret.as_bytes());
        match decode::<Claims>(token, &key, &validation) {
            Ok(d) => Outcome::Success(User(d.claims.sub)),
            Err(_) => Outcome::Forward(rocket::http::Status::Unauthorized),
        }
    }
}
