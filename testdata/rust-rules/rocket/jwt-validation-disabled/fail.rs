use jsonwebtoken::{decode, DecodingKey, Validation};
use rocket::request::{FromRequest, Outcome, Request};

pub struct User(String);

#[rocket::async_trait]
impl<'r> FromRequest<'r> for User {
    type Error = ();

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        let token = req.headers().get_one("Authorization").unwrap_or("");
        let mut validation = Validation::default();
        validation.insecure_disable_signature_validation(); //~ jwt-validation-disabled
        let key = DecodingKey::from_secret(&[]);
        match decode::<Claims>(token, &key, &validation) {
            Ok(d) => Outcome::Success(User(d.claims.sub)),
            Err(_) => Outcome::Forward(rocket::http::Status::Unauthorized),
        }
    }
}
