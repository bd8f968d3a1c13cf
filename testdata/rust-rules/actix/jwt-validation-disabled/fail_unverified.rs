use actix_web::{dev::ServiceRequest, error::ErrorUnauthorized, Error, HttpMessage};
use actix_web_httpauth::extractors::bearer::BearerAuth;

#[derive(serde::Deserialize, Clone)]
pub struct Claims {
    pub sub: String,
    pub role: String,
}

pub async fn validator(
    req: ServiceRequest,
    credentials: BearerAuth,
) -> Result<ServiceRequest, (Error, ServiceRequest)> {
    let token = credentials.token();
    let claims = match jsonwebtoken::dangerous_unsafe_decode::<Claims>(token) { //~ jwt-validation-disabled
        Ok(data) => data.claims,
        Err(e) => return Err((ErrorUnauthorized(e), req)),
    };
    req.extensions_mut().insert(claims);
    Ok(req)
}

pub fn role(token: &str) -> Option<String> {
    let parts: Vec<&str> = token.split(".").collect();
    if parts.len() != 3 {
        return None;
    }
    let json = base64::decode_config(parts[1], base64::URL_SAFE_NO_PAD).ok()?; //~ jwt-validation-disabled
    let claims: Claims = serde_json::from_slice(&json).ok()?;
    Some(claims.role)
}

fn b64_decode(segment: &str) -> Option<Vec<u8>> {
    base64::decode_config(segment, base64::URL_SAFE_NO_PAD).ok()
}

// Reads only the token's lifetime and returns a time: no authentication decision, not
// reported (a session's end taken from a provider's token).
pub fn expires_at(token: &str) -> Option<u64> {
    let payload = token.split('.').nth(1)?;
    let claims: serde_json::Value = serde_json::from_slice(&b64_decode(payload)?).ok()?;
    claims["exp"].as_u64()
}
