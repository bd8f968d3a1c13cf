use std::future::{ready, Ready};

use actix_web::dev::Payload;
use actix_web::error::ErrorUnauthorized;
use actix_web::{Error, FromRequest, HttpMessage, HttpRequest};

use crate::middleware::Member;

/// The member the middleware attached; a request without one is turned away.
pub struct SignedIn(pub Member);

impl FromRequest for SignedIn {
    type Error = Error;
    type Future = Ready<Result<Self, Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let ext = req.extensions();
        match ext.get::<Member>() {
            Some(m) => ready(Ok(SignedIn(m.clone()))),
            None => ready(Err(ErrorUnauthorized("sign in first"))),
        }
    }
}
