// The payload (not the header) read without a signature check.
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

#[derive(serde::Deserialize)]
pub struct Claims {
    pub sub: String,
}

pub fn claims(token: &str) -> Option<Claims> {
    let (_, rest) = token.split_once('.')?;
    let (payload, _) = rest.split_once('.')?;
    let bytes = URL_SAFE_NO_PAD.decode(payload).ok()?; //~ jwt-validation-disabled
    serde_json::from_slice(&bytes).ok()
}

#[derive(serde::Deserialize)]
struct RoleClaims {
    role: String,
}

/// Peeked, and its caller trusts what it read: no verification anywhere.
fn peek_role(token: &str) -> Option<String> {
    let mut v = jsonwebtoken::Validation::new(jsonwebtoken::Algorithm::HS256);
    v.insecure_disable_signature_validation(); //~ jwt-validation-disabled
    jsonwebtoken::decode::<RoleClaims>(token, &jsonwebtoken::DecodingKey::from_secret(&[]), &v)
        .ok()
        .map(|d| d.claims.role)
}

pub fn is_admin(token: &str) -> bool {
    peek_role(token).as_deref() == Some("admin")
}

// A time that is no deadline (when the session began) does not stand for `exp`.
#[derive(serde::Deserialize)]
pub struct SessionClaims {
    pub sub: String,
    pub created_at: std::time::SystemTime,
}

pub fn session_claims(token: &str, key: &jsonwebtoken::DecodingKey) -> Option<SessionClaims> {
    let mut validation = jsonwebtoken::Validation::new(jsonwebtoken::Algorithm::HS256);
    validation.validate_exp = false; //~ jwt-validation-disabled
    jsonwebtoken::decode::<SessionClaims>(token, key, &validation)
        .ok()
        .map(|d| d.claims)
}

// A deadline on a struct the token is not decoded into (a stored session) says nothing
// about the token's expiry.
pub struct StoredSession {
    pub user: String,
    pub expires_at: std::time::SystemTime,
}

pub fn bearer_claims(token: &str, key: &jsonwebtoken::DecodingKey) -> Option<SessionClaims> {
    let mut validation = jsonwebtoken::Validation::new(jsonwebtoken::Algorithm::HS256);
    validation.validate_exp = false; //~ jwt-validation-disabled
    jsonwebtoken::decode::<SessionClaims>(token, key, &validation)
        .ok()
        .map(|d| d.claims)
}
