// A publisher's bearer check: with a key configured, the token's signature is verified by
// a function of the file; without one, the operator has put a gateway in front that
// verifies it, and the claims are only decoded. The caller chooses between the two by a
// branch apiward does not judge (a setting here; a token's `kid` elsewhere): reported at
// info, not as an error.
use jsonwebtoken::{DecodingKey, TokenData, Validation};

#[derive(serde::Deserialize)]
pub struct Claim {
    pub sub: String,
    pub max_size: Option<u64>,
}

impl Claim {
    pub fn from_token(token: &str, key: &DecodingKey, validation: &Validation) -> Result<Self, String> {
        Self::from_data(jsonwebtoken::decode(token, key, validation))
    }

    pub fn from_token_unchecked(token: &str) -> Result<Self, String> {
        Self::from_data(jsonwebtoken::dangerous::insecure_decode(token)) //~ jwt-validation-disabled
    }

    fn from_data(r: Result<TokenData<Self>, jsonwebtoken::errors::Error>) -> Result<Self, String> {
        r.map(|d| d.claims).map_err(|_| "invalid token".to_string())
    }
}

pub struct AuthConfig {
    pub decoding_key: Option<DecodingKey>,
}

pub fn check_bearer(cfg: &AuthConfig, token: &str) -> Result<Claim, String> {
    if let Some(key) = cfg.decoding_key.as_ref() {
        Claim::from_token(token, key, &Validation::default())
    } else {
        Claim::from_token_unchecked(token)
    }
}
