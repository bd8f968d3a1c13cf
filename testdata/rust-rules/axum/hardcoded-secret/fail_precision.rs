// Secrets that release builds use too.
const RELEASE_SECRET: &str = "Rk7Lq2Zx9Wm4Tn8Vb3Yc"; //~ hardcoded-secret

pub fn secret() -> String {
    if cfg!(debug_assertions) {
        RELEASE_SECRET.to_owned()
    } else {
        RELEASE_SECRET.to_uppercase()
    }
}

#[cfg(not(debug_assertions))]
const PROD_API_TOKEN: &str = "prd-7Kq2Zx9Lm4Wt"; //~ hardcoded-secret

#[cfg(all(feature = "server", not(test)))]
const SERVER_PASSWORD: &str = "Srv-Pa55-2024"; //~ hardcoded-secret

// A record built outside sample data, with a value that looks generated.
pub struct Invite {
    pub token: String,
}

pub fn bootstrap_invite() -> Invite {
    Invite { token: "inv9Kq2Zx7Lm4Wt".to_owned() } //~ hardcoded-secret
}

// Key material signs wherever it is written, a sample-making function included.
pub fn sample_token_key() -> jsonwebtoken::EncodingKey {
    jsonwebtoken::EncodingKey::from_secret(b"samples-sign-with-this") //~ hardcoded-secret
}

/// A key whose value starts like a header's name: its last part is random.
pub const PARTNER_API_KEY: &str = "x-api-key-3f9a8b7c6d5e4f3a2b1c0d9e"; //~ hardcoded-secret
