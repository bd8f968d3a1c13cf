use actix_web::{dev::Payload, error::ErrorUnauthorized, FromRequest, HttpRequest};
use std::future::{ready, Ready};

/// Turns away requests without an API key.
pub struct ApiKey;

impl FromRequest for ApiKey {
    type Error = actix_web::Error;
    type Future = Ready<Result<Self, Self::Error>>;
    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        match req.headers().get("authorization") {
            Some(_) => ready(Ok(ApiKey)),
            None => ready(Err(ErrorUnauthorized("missing key"))),
        }
    }
}
