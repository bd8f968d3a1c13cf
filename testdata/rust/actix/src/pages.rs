use actix_web::{get, route, HttpResponse, Responder};

#[get("/")]
pub async fn home() -> impl Responder {
    HttpResponse::Ok()
}

#[get("/about")]
pub async fn about() -> impl Responder {
    HttpResponse::Ok()
}

#[route("/contact", method = "GET", method = "POST")]
pub async fn contact() -> impl Responder {
    HttpResponse::Ok()
}

pub async fn ping() -> &'static str {
    "pong"
}

pub async fn metrics() -> String {
    String::new()
}

pub async fn not_found() -> HttpResponse {
    HttpResponse::NotFound().finish()
}
