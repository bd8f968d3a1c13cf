// Expiry is left to the session extractor two calls up: `extract` turns the library's
// check off, `Cookies::claims` hands the claims on, and the extractor asks
// `claims.is_expired()` before it lets a request through.
use jsonwebtoken::{decode, Algorithm, DecodingKey, Validation};

#[derive(serde::Deserialize)]
pub struct Claims {
    pub sub: String,
    pub exp: i64,
}

pub fn extract(token: &str, secret: &[u8]) -> Result<Claims, String> {
    let mut validation = Validation::new(Algorithm::HS256);
    validation.validate_exp = false;
    decode::<Claims>(token, &DecodingKey::from_secret(secret), &validation)
        .map(|data| data.claims)
        .map_err(|e| e.to_string())
}
