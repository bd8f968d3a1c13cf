use actix_web::{get, post, HttpResponse};

#[post(path = "crate::API_ROUTES.auth.signin")]
pub async fn signin() -> HttpResponse {
    HttpResponse::Ok().finish()
}

#[get(path = "crate::API_ROUTES.meta.health")]
pub async fn health() -> HttpResponse {
    HttpResponse::Ok().finish()
}

#[post(path = "crate::API_ROUTES.pow.verify")]
pub async fn verify() -> HttpResponse {
    HttpResponse::Ok().finish()
}

pub async fn status() -> HttpResponse {
    HttpResponse::Ok().finish()
}

pub async fn logo() -> HttpResponse {
    HttpResponse::Ok().finish()
}
