use actix_web::{error, get, web, HttpResponse, ResponseError};
use std::fmt;

#[get("/users")]
async fn users(pool: web::Data<sqlx::PgPool>) -> Result<HttpResponse, error::Error> {
    let rows = sqlx::query("SELECT id FROM users")
        .fetch_all(pool.get_ref())
        .await
        .map_err(|e| {
            log::error!("listing users: {e}");
            error::ErrorInternalServerError("internal error")
        })?;
    Ok(HttpResponse::Ok().body(rows.len().to_string()))
}

#[get("/parse/{n}")]
async fn parse(n: web::Path<String>) -> HttpResponse {
    match n.parse::<u32>() {
        Ok(v) => HttpResponse::Ok().body(v.to_string()),
        Err(e) => HttpResponse::BadRequest().body(e.to_string()),
    }
}

#[derive(Debug)]
pub enum ServiceError {
    NotFound,
    Internal,
}

impl fmt::Display for ServiceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", if matches!(self, ServiceError::NotFound) { "not found" } else { "internal error" })
    }
}

impl ResponseError for ServiceError {
    fn error_response(&self) -> HttpResponse {
        HttpResponse::InternalServerError().body(self.to_string())
    }
}

/// The chunks of a streamed body: an error item ends the stream (the response has already
/// started), its text is never sent.
fn to_chunks(
    pretty: bool,
) -> impl FnMut(Result<Vec<u8>, std::io::Error>) -> Result<web::Bytes, error::Error> {
    move |item| match item {
        Ok(rows) => {
            let text = serde_json::to_string(&rows).map_err(error::ErrorInternalServerError)?;
            Ok(web::Bytes::from(if pretty { format!("{text}\n") } else { text }))
        }
        Err(e) => Err(error::ErrorInternalServerError(e)),
    }
}
