use jsonwebtoken::DecodingKey;

pub fn decoding_key(config: &Config) -> DecodingKey {
    DecodingKey::from_secret(config.jwt_secret.as_bytes())
}

/// Fixtures other crates' tests import: public, so without `#[cfg(test)]`, but named for
/// tests and never reached by the service.
pub mod tests {
    pub const TOKEN: &str = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ0ZXN0LXVzZXItNDIiLCJleHAiOjE3MDAwMDAwMDB9.5mhBHqs5_DTLdINd9p5m7ZJ6XD0Xc55kIaCRY5r6HRA";
    pub const SSH_KEY: &str = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n-----END OPENSSH PRIVATE KEY-----";
}
