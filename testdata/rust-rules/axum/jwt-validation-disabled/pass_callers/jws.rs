// A token library's helpers, verified by their callers in other files: a payload decoder
// the grant type wraps as a documented unverified peek, and a `Validation` with the expiry
// check off, used by a verifier that compares `exp` by hand.
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use jsonwebtoken::{Algorithm, Validation};

pub fn decode_payload<T: serde::de::DeserializeOwned>(compact: &str) -> Result<T, String> {
    let parts: Vec<&str> = compact.splitn(3, '.').collect();
    if parts.len() != 3 {
        return Err("three parts".into());
    }
    let bytes = URL_SAFE_NO_PAD.decode(parts[1]).map_err(|e| e.to_string())?;
    serde_json::from_slice(&bytes).map_err(|e| e.to_string())
}

pub fn relaxed_validation() -> Validation {
    let mut validation = Validation::new(Algorithm::EdDSA);
    validation.validate_exp = false;
    validation
}

#[cfg(test)]
mod tests {
    #[test]
    fn round_trip() {
        let v: serde_json::Value = super::decode_payload("a.e30.c").unwrap();
        assert!(v.is_object());
    }
}
