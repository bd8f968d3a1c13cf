use actix_web::{error, get, web, HttpResponse, ResponseError};
use std::fmt;

#[get("/users")]
async fn users(pool: web::Data<sqlx::PgPool>) -> Result<HttpResponse, error::Error> {
    let rows = sqlx::query("SELECT id FROM users")
        .fetch_all(pool.get_ref())
        .await
        .map_err(error::ErrorInternalServerError)?; //~ leaky-error-response
    Ok(HttpResponse::Ok().body(rows.len().to_string()))
}

#[get("/orders")]
async fn orders(pool: web::Data<sqlx::PgPool>) -> HttpResponse {
    match sqlx::query("SELECT id FROM orders").fetch_all(pool.get_ref()).await {
        Ok(rows) => HttpResponse::Ok().body(rows.len().to_string()),
        Err(e) => HttpResponse::InternalServerError().body(format!("{e:?}")), //~ leaky-error-response
    }
}

#[derive(Debug)]
pub struct ServiceError {
    source: std::io::Error,
}

impl fmt::Display for ServiceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "service error")
    }
}

impl ResponseError for ServiceError {
    fn error_response(&self) -> HttpResponse {
        HttpResponse::InternalServerError().json(self.source.to_string()) //~ leaky-error-response
    }
}

#[get("/parsed/{n}")]
async fn parsed(n: web::Path<String>, pool: web::Data<sqlx::PgPool>) -> HttpResponse {
    // A parse error's Debug is still not shown; a database error's text is never.
    let n: i64 = match n.parse() {
        Ok(n) => n,
        Err(e) => return HttpResponse::InternalServerError().body(format!("{e:?}")), //~ leaky-error-response
    };
    match sqlx::query("SELECT 1").bind(n).execute(pool.get_ref()).await {
        Ok(_) => HttpResponse::Ok().finish(),
        Err(e) => HttpResponse::InternalServerError().body(e.to_string()), //~ leaky-error-response
    }
}
