use actix_web::{get, patch, web, HttpRequest, HttpResponse};

use crate::auth::LookupError;

pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.service(note_edit).service(note_get);
}

// Forwarding to a helper that reads who calls and lets a failure pass.
#[get("/notes/{id}")]
pub async fn note_get(req: HttpRequest) -> HttpResponse {
    super::v2::note_get(req).await
}

// An older version forwarding to the newer handler's work.
#[patch("/notes/{id}")]
pub async fn note_edit(req: HttpRequest, body: String) -> Result<HttpResponse, LookupError> {
    super::v2::note_edit_inner(req, body).await
}
