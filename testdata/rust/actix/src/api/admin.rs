use actix_web::{get, web, HttpResponse};

#[get("/stats")]
pub async fn stats() -> HttpResponse {
    HttpResponse::Ok().finish()
}

pub async fn delete_user(path: web::Path<u64>) -> HttpResponse {
    HttpResponse::NoContent().finish()
}
