use actix_web::{dev::ServiceRequest, Error};
use actix_web_httpauth::extractors::bearer::BearerAuth;
use jsonwebtoken::{decode, DecodingKey, Validation};

pub async fn validator(
    req: ServiceRequest,
    credentials: BearerAuth,
) -> Result<ServiceRequest, (Error, ServiceRequest)> {
    let validation = Validation::default();
    let key = DecodingKey::from_secret(std::env::var("SECRET").unwrap().as_bytes());
    match decode::<Claims>(credentials.token(), &key, &validation) {
        Ok(_) => Ok(req),
        Err(e) => Err((actix_web::error::ErrorUnauthorized(e), req)),
    }
}
