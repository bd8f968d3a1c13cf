use actix_web::{post, web, HttpResponse};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Hook {
    callback: String,
    id: String,
}

#[post("/hooks")]
async fn register(hook: web::Json<Hook>) -> HttpResponse {
    let url = url::Url::parse(&hook.callback).unwrap();
    if url.host_str() != Some("hooks.example.com") {
        return HttpResponse::BadRequest().finish();
    }
    let client = awc::Client::default();
    let res = client.post(url.as_str()).send().await;
    HttpResponse::Ok().body(format!("{}", res.is_ok()))
}

#[post("/status")]
async fn status(hook: web::Json<Hook>) -> HttpResponse {
    let client = awc::Client::default();
    let res = client
        .get(format!("https://status.example.com/v1/{}", hook.id))
        .send()
        .await;
    HttpResponse::Ok().body(format!("{}", res.is_ok()))
}
