use const_format::{concatcp, formatcp};

pub const BASE: &str = "/signer/v1";
pub const SIGN_PATH: &str = concatcp!(BASE, "/sign");
pub const SIGN_PROXY_PATH: &str = concatcp!(SIGN_PATH, "/proxy");
pub const KEYS_PATH: &str = formatcp!("{}/keys", BASE);
