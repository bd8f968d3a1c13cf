use actix_web::{post, web, HttpResponse};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Hook {
    callback: String,
}

#[post("/hooks")]
async fn register(hook: web::Json<Hook>) -> HttpResponse {
    let client = awc::Client::default();
    let res = client.post(hook.callback.as_str()).send().await; //~ ssrf
    HttpResponse::Ok().body(format!("{}", res.is_ok()))
}

#[post("/fetch")]
async fn fetch(body: web::Form<Hook>) -> HttpResponse {
    let text = reqwest::blocking::get(body.into_inner().callback).unwrap().text().unwrap(); //~ ssrf
    HttpResponse::Ok().body(text)
}
