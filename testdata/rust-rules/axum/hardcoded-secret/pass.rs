use axum_extra::extract::cookie::Key;
use jsonwebtoken::{DecodingKey, EncodingKey};
use std::sync::LazyLock;

static SECRET: LazyLock<String> =
    LazyLock::new(|| std::env::var("JWT_SECRET").expect("JWT_SECRET must be set"));

pub fn keys(config: &Config) -> (EncodingKey, DecodingKey) {
    (
        EncodingKey::from_secret(SECRET.as_bytes()),
        DecodingKey::from_secret(config.jwt_secret.as_bytes()),
    )
}

pub fn cookie_key() -> Key {
    Key::generate()
}

pub fn from_env() -> Key {
    let raw = std::env::var("COOKIE_KEY").unwrap();
    Key::from(raw.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let key = EncodingKey::from_secret(b"test-only");
        let _ = key;
    }
}
