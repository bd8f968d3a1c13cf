// The same helpers, but no caller verifies: `verify_token` only decodes (its own name is no
// verification), and the relaxed validation is used without any check of `exp`.
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use jsonwebtoken::{Algorithm, Validation};

pub fn read_claims<T: serde::de::DeserializeOwned>(compact: &str) -> Result<T, String> {
    let parts: Vec<&str> = compact.splitn(3, '.').collect();
    if parts.len() != 3 {
        return Err("three parts".into());
    }
    let bytes = URL_SAFE_NO_PAD.decode(parts[1]).map_err(|e| e.to_string())?; //~ jwt-validation-disabled
    serde_json::from_slice(&bytes).map_err(|e| e.to_string())
}

pub fn lax_validation() -> Validation {
    let mut validation = Validation::new(Algorithm::EdDSA);
    validation.validate_exp = false; //~ jwt-validation-disabled
    validation
}
