use actix_web::{post, web, HttpResponse};

#[post("/keys/{id}/seal")]
pub(crate) async fn seal(id: web::Path<String>) -> HttpResponse {
    HttpResponse::Ok().body(id.into_inner())
}
