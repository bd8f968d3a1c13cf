// Re-exports with a restricted visibility, two levels deep (`crypt/mod.rs` names no
// framework).
mod crypt;
mod health;

pub(crate) use crypt::{seal, unseal};
pub(crate) use health::health;

#[allow(unused_imports)]
use actix_web::web;
