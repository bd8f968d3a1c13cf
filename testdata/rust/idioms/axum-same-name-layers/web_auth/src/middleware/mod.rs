mod authentication;
pub use authentication::*;
