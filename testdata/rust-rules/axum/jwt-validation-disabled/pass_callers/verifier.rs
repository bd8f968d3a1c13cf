use crate::grant::GrantClaims;
use jsonwebtoken::{decode, DecodingKey};

pub fn verify_grant(compact: &str, keys: &Keys) -> Result<GrantClaims, String> {
    let issuer = GrantClaims::peek(compact)?.iss;
    let claims = check_signature(compact, &keys.of(&issuer))?;
    check_expiry(&claims)?;
    Ok(claims)
}

fn check_signature(compact: &str, key: &DecodingKey) -> Result<GrantClaims, String> {
    let validation = crate::jws::relaxed_validation();
    decode::<GrantClaims>(compact, key, &validation)
        .map(|t| t.claims)
        .map_err(|e| e.to_string())
}

fn check_expiry(claims: &GrantClaims) -> Result<(), String> {
    let now = chrono::Utc::now().timestamp() as u64;
    if claims.exp <= now {
        return Err("expired".into());
    }
    Ok(())
}
