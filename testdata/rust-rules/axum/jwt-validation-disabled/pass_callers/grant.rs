#[derive(serde::Deserialize)]
pub struct GrantClaims {
    pub iss: String,
    pub sub: String,
    pub exp: u64,
}

impl GrantClaims {
    /// Reads a grant without verifying its signature: the caller picks the issuer's key
    /// from it, then verifies.
    pub fn peek(compact: &str) -> Result<Self, String> {
        crate::jws::decode_payload(compact)
    }
}
