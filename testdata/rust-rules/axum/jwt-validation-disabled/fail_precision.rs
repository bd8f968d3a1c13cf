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
