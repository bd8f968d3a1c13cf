//! The service's paths as types: each says where it is served.
mod kinds;
mod places;

pub use self::kinds::{Place, FixedPlace};
pub use self::places::*;
