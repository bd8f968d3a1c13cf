// Decodes that are not a server accepting forged tokens.
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use jsonwebtoken::{decode, Algorithm, DecodingKey, TokenData, Validation};
use serde::de::DeserializeOwned;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Claims {
    pub sub: String,
    pub exp: Option<i64>,
}

/// The key id of a token's header: the part before the first dot.
pub fn key_id(token: &str) -> Option<String> {
    let (meta, _) = token.split_once('.')?;
    let bytes = URL_SAFE_NO_PAD.decode(meta).ok()?;
    let v: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
    v.get("kid")?.as_str().map(str::to_owned)
}

/// `exp` is optional in these tokens: checked below when present.
fn lenient_validation() -> Validation {
    let mut v = Validation::new(Algorithm::HS256);
    v.validate_exp = false;
    v
}

pub fn check(token: &str, key: &DecodingKey, now: i64) -> Option<Claims> {
    let data = decode::<Claims>(token, key, &lenient_validation()).ok()?;
    if let Some(exp) = data.claims.exp {
        if now > exp {
            return None;
        }
    }
    Some(data.claims)
}

/// The issuer, to pick the key set the token is then verified with.
#[derive(Deserialize)]
pub struct IssuerOnly {
    pub iss: String,
}

impl IssuerOnly {
    pub fn peek(token: &str) -> Result<TokenData<Self>, jsonwebtoken::errors::Error> {
        jsonwebtoken::dangerous::insecure_decode(token)
    }
}

/// Reads the claims of a token the caller already trusts.
///
/// CAUTION: this does NOT validate the signature.
pub fn claims_unchecked<T: DeserializeOwned>(token: &str) -> Option<T> {
    let payload = token.split('.').nth(1)?;
    let bytes = URL_SAFE_NO_PAD.decode(payload).ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// The lifetime of a token the server received from its identity provider.
#[derive(Deserialize)]
struct Lifetime {
    iat: Option<i64>,
    nbf: Option<i64>,
    exp: i64,
}

fn provider_token_expiry(token: &str) -> Option<i64> {
    let data = jsonwebtoken::dangerous::insecure_decode::<Lifetime>(token).ok()?;
    Some(data.claims.exp)
}

/// When a session made from a provider's access token ends: its `exp`, read by hand.
fn session_expiry(access_token: &str) -> i64 {
    let fallback = 86_400;
    let parts: Vec<&str> = access_token.split('.').collect();
    let Ok(payload) = URL_SAFE_NO_PAD.decode(parts[1]) else {
        return fallback;
    };
    let json: serde_json::Value = serde_json::from_slice(&payload).unwrap_or_default();
    json.get("exp").and_then(|v| v.as_i64()).unwrap_or(fallback)
}

/// The expiry of the access token a client keeps for itself, read to know when to sign in
/// again: the claims type is named only by the closure that decodes it.
#[derive(Deserialize)]
struct ExpiryOnly {
    exp: i64,
}

pub struct StoredLogin {
    access_token: String,
}

impl StoredLogin {
    pub fn expires_at(&self) -> Option<i64> {
        let claims = self
            .access_token
            .split('.')
            .nth(1)
            .and_then(|part: &str| -> Option<ExpiryOnly> {
                URL_SAFE_NO_PAD
                    .decode(part)
                    .ok()
                    .and_then(|b| serde_json::from_slice(&b).ok())
            })?;
        Some(claims.exp)
    }
}

#[derive(Deserialize)]
struct UserClaims {
    uid: String,
}

/// Reads the user id of a token without checking it: only to find that user's key.
fn peek_uid(token: &str) -> Option<String> {
    let mut v = Validation::new(Algorithm::HS512);
    v.insecure_disable_signature_validation();
    decode::<UserClaims>(token, &DecodingKey::from_secret(&[]), &v)
        .ok()
        .map(|d| d.claims.uid)
}

fn verified_uid(token: &str, key: &[u8]) -> Option<String> {
    let v = Validation::new(Algorithm::HS512);
    decode::<UserClaims>(token, &DecodingKey::from_secret(key), &v)
        .ok()
        .map(|d| d.claims.uid)
}

/// Each user has a key of their own: the id is peeked, then the token verified with that
/// key and the two ids compared.
pub fn authenticate(token: &str, keys: &std::collections::HashMap<String, Vec<u8>>) -> Option<String> {
    let uid = peek_uid(token)?;
    (verified_uid(token, keys.get(&uid)?)? == uid).then_some(uid)
}
