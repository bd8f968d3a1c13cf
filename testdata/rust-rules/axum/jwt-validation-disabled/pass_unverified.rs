use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use jsonwebtoken::{decode, decode_header, DecodingKey, Validation};

#[derive(serde::Deserialize)]
struct Claims {
    iss: String,
    sub: String,
}

#[derive(serde::Deserialize)]
struct Header {
    kid: String,
}

/// Peeks at the issuer to choose the key, then verifies with it.
pub fn verify(token: &str, keys: &Keys) -> Option<String> {
    let unverified = jsonwebtoken::dangerous::insecure_decode::<Claims>(token).ok()?;
    let key: &DecodingKey = keys.for_issuer(&unverified.claims.iss)?;
    let data = decode::<Claims>(token, key, &Validation::default()).ok()?;
    Some(data.claims.sub)
}

/// Only reads the claims; `authenticate` verifies the token afterwards.
fn unverified_issuer(token: &str) -> Option<String> {
    let payload = token.split('.').nth(1)?;
    let bytes = URL_SAFE_NO_PAD.decode(payload).ok()?;
    let claims: Claims = serde_json::from_slice(&bytes).ok()?;
    Some(claims.iss)
}

pub fn authenticate(token: &str, keys: &Keys) -> Option<String> {
    let issuer = unverified_issuer(token)?;
    let key = keys.for_issuer(&issuer)?;
    let data = decode::<Claims>(token, key, &Validation::default()).ok()?;
    Some(data.claims.sub)
}

/// The header only: which key signed the token.
pub fn key_id(token: &str) -> Option<String> {
    if let Ok(h) = decode_header(token) {
        return h.kid;
    }
    let mut parts = token.split('.');
    let header = parts.next()?;
    let bytes = URL_SAFE_NO_PAD.decode(header).ok()?;
    let h: Header = serde_json::from_slice(&bytes).ok()?;
    Some(h.kid)
}

/// A dotted name, not a token.
pub fn domain_label(host: &str, encoded: &str) -> Option<(String, Vec<u8>)> {
    let label = host.split('.').next()?.to_owned();
    let data = URL_SAFE_NO_PAD.decode(encoded).ok()?;
    let _: serde_json::Value = serde_json::from_slice(&data).ok()?;
    Some((label, data))
}

/// Verifies the signature by hand before reading the claims.
pub fn hs256_claims(token: &str, mac_key: &[u8]) -> Option<Claims> {
    let (message, signature) = token.rsplit_once('.')?;
    let signature = URL_SAFE_NO_PAD.decode(signature).ok()?;
    ring::hmac::verify(
        &ring::hmac::Key::new(ring::hmac::HMAC_SHA256, mac_key),
        message.as_bytes(),
        &signature,
    )
    .ok()?;
    let payload = message.split('.').nth(1)?;
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).ok()?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_claims() {
        let token = "a.eyJzdWIiOiIxIn0.c";
        let payload = token.split('.').nth(1).unwrap();
        let bytes = URL_SAFE_NO_PAD.decode(payload).unwrap();
        let _: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    }
}
