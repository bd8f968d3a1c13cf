use axum::extract::{Json, Query, State};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Preview {
    url: String,
    host: String,
}

pub struct AppState {
    http: reqwest::Client,
}

pub async fn preview(Query(q): Query<Preview>) -> String {
    reqwest::get(&q.url).await.unwrap().text().await.unwrap() //~ ssrf
}

pub async fn proxy(State(state): State<std::sync::Arc<AppState>>, Json(p): Json<Preview>) -> String {
    let target = format!("http://{}/status", p.host);
    let resp = state.http.get(target).send().await.unwrap(); //~ ssrf
    resp.text().await.unwrap()
}

pub async fn webhook(Json(p): Json<Preview>) {
    let url = url::Url::parse(&p.url).unwrap();
    let client = reqwest::Client::new();
    client.post(url).body("ping").send().await.unwrap(); //~ ssrf
}

pub async fn fetch_image(Query(q): Query<Preview>) -> Vec<u8> {
    download(&q.url).await
}

async fn download(link: &str) -> Vec<u8> {
    let client = reqwest::Client::new();
    let resp = client.get(link).send().await.unwrap(); //~ ssrf
    resp.bytes().await.unwrap().to_vec()
}

#[derive(Deserialize)]
pub struct Shortcut {
    url: String,
    method: String,
}

/// One request, its verb chosen by the client: reported once, at the first arm.
pub async fn fire(Json(s): Json<Shortcut>) {
    let client = reqwest::Client::new();
    let request = match s.method.as_str() {
        "GET" => client.get(&s.url), //~ ssrf
        "POST" => client.post(&s.url),
        _ => client.put(&s.url),
    };
    request.send().await.unwrap();
}

/// Signing the outgoing request is no check of where it goes.
pub async fn deliver(Json(p): Json<Preview>) {
    let auth = sign_request(&p.url, b"delivery-key");
    let client = reqwest::Client::new();
    client.post(&p.url).header("x-signature", auth).send().await.unwrap(); //~ ssrf
}

fn sign_request(url: &str, key: &[u8]) -> String {
    format!("{}:{}", url.len(), key.len())
}
