use axum::http::{header, HeaderMap, HeaderValue};
use axum::{routing::get, Router};
use tower_http::validate_request::ValidateRequestHeaderLayer;

const API_KEY: &str = "sk_live_51Hq8ZtRk2mNv7Wp3Lx9Bc4D"; //~ hardcoded-secret
static ADMIN_PASSWORD: &str = "Tr0ub4dor&3"; //~ hardcoded-secret
const GITHUB: &str = "ghp_R7kq2ZfX9mLw4Tn8Vb3Yc6Hd1Js5Pe0Ga2Ku"; //~ hardcoded-secret
const AWS_ID: &str = "AKIAZ7Q3K9D2M4B8X6W1"; //~ hardcoded-secret
const SIGNING_PEM: &str = "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIGkq3vYpQ7Zr2Lx9Bm4Tn8Wc6Hd1Js5Pe0Ga2KuR7kqoAoGCCqGSM49\n-----END EC PRIVATE KEY-----\n"; //~ hardcoded-secret

pub struct DbConfig {
    pub user: String,
    pub password: String,
    pub api_key: Option<String>,
}

pub struct Upstream;

impl Upstream {
    const CLIENT_SECRET: &'static str = "c1i3nt-s3cr3t-9f2k"; //~ hardcoded-secret
}

pub fn db_config() -> DbConfig {
    let password = "hunter2"; //~ hardcoded-secret
    DbConfig {
        user: "app".into(),
        password: String::from("pg-Pa55word"), //~ hardcoded-secret
        api_key: Some("k9Xf2mQ7zL4wR8tY".to_string()), //~ hardcoded-secret
    }
}

pub async fn call_upstream(client: &reqwest::Client) -> reqwest::Result<String> {
    client
        .get("https://api.internal/v1/items")
        .bearer_auth("eyJhbGciOiJIUzI1NiJ9.c3ViOjE.q8Zt3kLm") //~ hardcoded-secret
        .header("x-api-key", "ak_7Hf3kQ9zLm2Wx") //~ hardcoded-secret
        .send()
        .await?
        .text()
        .await
}

pub async fn call_legacy(client: &reqwest::Client) -> reqwest::Result<reqwest::Response> {
    client
        .get("https://legacy.internal/report")
        .basic_auth("reporter", Some("r3p0rt-Pa55")) //~ hardcoded-secret
        .header(header::AUTHORIZATION, "Bearer 9c1f4e7a2b8d") //~ hardcoded-secret
        .query(&[("api_key", "q7Lm2Zx9Kf4Wt8Rb")]) //~ hardcoded-secret
        .send()
        .await
}

pub fn service_headers() -> HeaderMap {
    let mut headers = HeaderMap::new();
    headers.insert(
        header::AUTHORIZATION,
        HeaderValue::from_static("Bearer sv9-4kTq7Wz2LmX"), //~ hardcoded-secret
    );
    let slack = vec!["xoxb-2716-48193-aZ9kQ7wLm3"]; //~ hardcoded-secret
    let _ = slack;
    headers
}

pub fn app() -> Router {
    Router::new()
        .route("/", get(|| async { "ok" }))
        .layer(ValidateRequestHeaderLayer::bearer("adm1n-t0ken-42")) //~ hardcoded-secret
}
