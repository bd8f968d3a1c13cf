use axum::http::{header, HeaderMap, HeaderValue};

const PASSWORD_MIN_LEN: usize = 12;
const TOKEN_URL: &str = "https://auth.internal/oauth/token";
const API_KEY_HEADER: &str = "x-api-key";
const AUTH_TOKEN: &str = "auth_token";
const SECRET_NAME: &str = "prod/db/password";
const PASSWORD_ENV: &str = "DATABASE_PASSWORD";
const INVALID_PASSWORD: &str = "invalid password";
const JWT_SECRET_VAR: &str = "JWT_SECRET";
static SESSION_TOKEN_COOKIE: &str = "session_token";
const DEFAULT_PASSWORD_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA";

pub struct DbConfig {
    pub password: String,
    pub api_key: String,
    pub token_url: String,
    pub password_hash: String,
}

impl Default for DbConfig {
    fn default() -> Self {
        DbConfig {
            password: String::new(),
            api_key: "<your-api-key>".into(),
            token_url: "https://auth.internal/token".into(),
            password_hash: "$2b$12$Kix3Yl1v3cT7ELYcG0N0Oe".into(),
        }
    }
}

pub fn load() -> DbConfig {
    let password = std::env::var("DATABASE_PASSWORD").unwrap_or_default();
    let api_key = std::env::var("API_KEY").expect("API_KEY must be set");
    let token = "";
    let secret = "changeme";
    let client_secret = "${CLIENT_SECRET}";
    let access_token = "xxxxxxxxxxxxxxxx";
    let refresh_token = "TODO";
    let next_page_token = "eyJvZmZzZXQiOjEwfQ";
    let pwd = "/home/app";
    let password_prompt = "Enter your password: ";
    let message = format!("wrong password for {}", "user");
    let _ = (token, secret, client_secret, access_token, refresh_token);
    let _ = (next_page_token, pwd, password_prompt, message);
    DbConfig {
        password,
        api_key,
        token_url: TOKEN_URL.into(),
        password_hash: String::new(),
    }
}

pub async fn call_upstream(client: &reqwest::Client, token: &str) -> reqwest::Result<String> {
    client
        .get("https://api.internal/v1/items")
        .bearer_auth(token)
        .header(API_KEY_HEADER, std::env::var("UPSTREAM_KEY").unwrap_or_default())
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .header("x-request-id", "req-7f3a9c2e1b")
        .send()
        .await?
        .text()
        .await
}

pub fn service_headers(token: &str) -> HeaderMap {
    let mut headers = HeaderMap::new();
    headers.insert(header::ACCEPT, HeaderValue::from_static("application/json"));
    headers.insert(
        header::AUTHORIZATION,
        HeaderValue::from_str(&format!("Bearer {token}")).unwrap(),
    );
    headers.insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
    headers
}

pub fn protected(token: &str) -> tower_http::validate_request::ValidateRequestHeaderLayer<()> {
    tower_http::validate_request::ValidateRequestHeaderLayer::bearer(token)
}

pub fn admin_account(client: &Client) {
    // Not a credential: a method that ends like one and takes a name.
    client.idm_account_list_user_auth_token("service_account_2");
    let test_password = "Tr0ub4dor&3";
    let demo = MockUser {
        password: "Tr0ub4dor&3".into(),
    };
    let _ = (test_password, demo);
}

pub fn env_lookups() -> (String, String) {
    (
        std::env::var("GITHUB_TOKEN").unwrap_or_default(),
        std::env::var("SLACK_BOT_TOKEN").unwrap_or_default(),
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn login() {
        let password = "hunter2";
        let api_key = "sk_live_51Hq8ZtRk2mNv7Wp3Lx9Bc4D";
        let _ = (password, api_key);
    }
}

#[cfg(test)]
const TEST_PASSWORD: &str = "t3st-only-pa55";

// The keys a configuration store files each provider's credentials under, not the values.
pub struct ProviderKeys {
    pub client_id: &'static str,
    pub client_secret: &'static str,
}

pub const FORGE_KEYS: ProviderKeys = ProviderKeys {
    client_id: "forge-client-id",
    client_secret: "forge-client-secret",
};
