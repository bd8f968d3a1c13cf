use actix_web::{get, HttpResponse};

#[get("/health")]
pub(crate) async fn health() -> HttpResponse {
    HttpResponse::Ok().finish()
}
