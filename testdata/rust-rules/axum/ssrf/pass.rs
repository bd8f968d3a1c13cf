use axum::extract::{Path, Query};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Preview {
    url: String,
}

const ALLOWED_HOSTS: &[&str] = &["images.example.com"];

pub async fn user(Path(id): Path<String>) -> String {
    // The host is fixed; the request value is only a path segment.
    let url = format!("https://api.example.com/users/{id}");
    reqwest::get(url).await.unwrap().text().await.unwrap()
}

pub async fn preview(Query(q): Query<Preview>) -> String {
    let url = url::Url::parse(&q.url).unwrap();
    if !ALLOWED_HOSTS.contains(&url.host_str().unwrap_or_default()) {
        return String::new();
    }
    reqwest::get(url).await.unwrap().text().await.unwrap()
}

pub async fn checked(Query(q): Query<Preview>) -> String {
    if !is_allowed_url(&q.url) {
        return String::new();
    }
    let client = reqwest::Client::new();
    client.get(&q.url).send().await.unwrap().text().await.unwrap()
}

fn is_allowed_url(url: &str) -> bool {
    url.starts_with("https://images.example.com/")
}

pub async fn lookup(Query(q): Query<Preview>) -> String {
    // A map lookup, not a request.
    let cache: std::collections::HashMap<String, String> = Default::default();
    cache.get(&q.url).cloned().unwrap_or_default()
}

/// A key-value store's client: `delete(org, module, key)` is not an HTTP request.
pub async fn drop_job(Path(org): Path<String>, Query(q): Query<Preview>) -> String {
    let client = jobs::client();
    client.delete(&org, "scheduler", &q.url).await.unwrap();
    String::new()
}

#[derive(Deserialize)]
pub struct StatusQuery {
    orchestration_id: String,
}

/// A record store's client reads a record by its id: no URL, no request to a host.
pub async fn bridging_status(Query(q): Query<StatusQuery>) -> String {
    let store_client = records::client();
    store_client.get(q.orchestration_id.clone()).await.unwrap_or_default()
}

#[derive(Deserialize)]
pub struct SignedImage {
    image_url: String,
    sig: Option<String>,
}

/// A signed URL: the server fetches only URLs it signed itself (a keyed digest of the URL
/// the caller must bring back), so the caller cannot choose the host.
pub async fn image_proxy(Query(q): Query<SignedImage>) -> Result<String, String> {
    let sig = q.sig.ok_or("missing signature")?;
    if sig != url_signature(&q.image_url, b"server-key") {
        return Err("bad signature".into());
    }
    let client = reqwest::Client::new();
    Ok(client.get(&q.image_url).send().await.unwrap().text().await.unwrap())
}

fn url_signature(url: &str, key: &[u8]) -> String {
    format!("{}{}", url.len(), key.len())
}
