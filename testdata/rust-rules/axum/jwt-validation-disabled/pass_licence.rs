// A signed licence whose expiry the application handles itself: an expired licence is
// read (to say it expired), not accepted as valid.
use jsonwebtoken::{decode, Algorithm, DecodingKey, Validation};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Licence {
    pub sub: String,
    pub exp: i64,
    pub seats: usize,
}

pub enum Status {
    Ok,
    Expired,
}

fn read_licence(token: &str, key: &DecodingKey) -> Option<Licence> {
    let mut validation = Validation::new(Algorithm::RS512);
    validation.validate_exp = false;
    validation.set_required_spec_claims(&["exp", "sub"]);
    decode::<Licence>(token, key, &validation).ok().map(|d| d.claims)
}

pub fn status(token: &str, key: &DecodingKey, now: i64) -> Option<Status> {
    let licence = read_licence(token, key)?;
    let ends = licence.exp;
    Some(if ends < now { Status::Expired } else { Status::Ok })
}
