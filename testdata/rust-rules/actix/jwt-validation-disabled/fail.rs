use actix_web::{dev::ServiceRequest, Error};
use actix_web_httpauth::extractors::bearer::BearerAuth;
use jsonwebtoken::{decode, DecodingKey, Validation};

pub async fn validator(
    req: ServiceRequest,
    credentials: BearerAuth,
) -> Result<ServiceRequest, (Error, ServiceRequest)> {
    let mut validation = Validation::default();
    validation.validate_exp = false; //~ jwt-validation-disabled
    let key = DecodingKey::from_secret(std::env::var("SECRET").unwrap().as_bytes());
    let _ = decode::<Claims>(credentials.token(), &key, &validation);
    Ok(req)
}

pub fn subject(token: &str) -> String {
    let data = jsonwebtoken::dangerous_insecure_decode_with_validation::<Claims>(token, &Validation::default()); //~ jwt-validation-disabled
    data.unwrap().claims.sub
}
