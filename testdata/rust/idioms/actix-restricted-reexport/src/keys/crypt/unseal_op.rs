use actix_web::{post, web, HttpResponse};

#[post("/keys/{id}/unseal")]
pub(crate) async fn unseal(id: web::Path<String>) -> HttpResponse {
    HttpResponse::Ok().body(id.into_inner())
}
