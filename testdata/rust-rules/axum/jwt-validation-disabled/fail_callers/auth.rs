use jsonwebtoken::{decode, DecodingKey};

#[derive(serde::Deserialize)]
pub struct Claims {
    pub sub: String,
}

pub fn verify_token(token: &str) -> Result<Claims, String> {
    crate::jws::read_claims(token)
}

pub fn session_of(token: &str, key: &DecodingKey) -> Result<Claims, String> {
    decode::<Claims>(token, key, &crate::jws::lax_validation())
        .map(|t| t.claims)
        .map_err(|e| e.to_string())
}
