// The error enum comes from another crate (its variants are not seen): a named field is
// data its author put in the variant (`{ hash }`, `{ workspace_id }`), not the error it
// wraps, unless its name says so (`{ source }`, reported); a unit variant bound whole
// (`off @ StoreError::ThumbnailsOff`) carries nothing but its fixed message. Sent in a 500,
// neither leaks anything of the server.
use actix_web::{HttpResponse, ResponseError};
use serde_json::json;
use store::StoreError;

#[derive(Debug, thiserror::Error)]
#[error(transparent)]
pub struct HttpError(StoreError);

impl ResponseError for HttpError {
    fn error_response(&self) -> HttpResponse {
        match &self.0 {
            StoreError::BlobMissing { hash } => {
                let body = json!({ "detail": format!("no stored data for {hash}") });
                HttpResponse::InternalServerError().json(body)
            }
            StoreError::WorkspaceLocked { workspace_id } => {
                HttpResponse::InternalServerError().json(json!({ "workspace": workspace_id }))
            }
            // A unit variant bound whole: its text is the variant's fixed message.
            off @ StoreError::ThumbnailsOff => {
                HttpResponse::InternalServerError().json(json!({ "detail": format!("{off}") }))
            }
            StoreError::Disk { source } => {
                HttpResponse::InternalServerError().json(json!({ "detail": source.to_string() })) //~ leaky-error-response
            }
            _ => HttpResponse::InternalServerError().finish(),
        }
    }
}
