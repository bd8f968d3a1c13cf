use axum::extract::FromRequestParts;
use jsonwebtoken::{decode, Algorithm, DecodingKey, Validation};

pub fn claims(token: &str, key: &DecodingKey) -> Claims {
    let mut validation = Validation::new(Algorithm::HS256);
    validation.insecure_disable_signature_validation(); //~ jwt-validation-disabled
    validation.validate_exp = false; //~ jwt-validation-disabled
    decode::<Claims>(token, key, &validation).unwrap().claims
}

pub fn lenient() -> Validation {
    Validation {
        validate_exp: false, //~ jwt-validation-disabled
        ..Validation::default()
    }
}

pub fn peek(token: &str) -> Claims {
    jsonwebtoken::dangerous_insecure_decode::<Claims>(token).unwrap().claims //~ jwt-validation-disabled
}
