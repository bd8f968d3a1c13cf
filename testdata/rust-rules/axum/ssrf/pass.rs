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
