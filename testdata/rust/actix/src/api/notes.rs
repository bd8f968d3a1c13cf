use actix_web::{get, web, HttpResponse};
use actix_web_httpauth::extractors::bearer::BearerAuth;

use crate::auth::LoggedUser;

pub async fn list(user: Option<LoggedUser>) -> HttpResponse {
    HttpResponse::Ok().finish()
}

pub async fn create(user: LoggedUser, body: web::Json<String>) -> HttpResponse {
    HttpResponse::Created().finish()
}

pub async fn replace(path: web::Path<u64>) -> HttpResponse {
    HttpResponse::Ok().finish()
}

#[get("/notes/{id}")]
pub async fn get_note(path: web::Path<u64>) -> HttpResponse {
    HttpResponse::Ok().finish()
}

pub async fn share(auth: BearerAuth, path: web::Path<u64>) -> HttpResponse {
    HttpResponse::Ok().finish()
}
