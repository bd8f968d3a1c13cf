use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, ResponseError};

#[derive(Debug)]
pub enum LookupError {
    Database(String),
    MissingHeader,
    BadCredentials,
}

impl std::fmt::Display for LookupError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("lookup failed")
    }
}

// Only some variants answer 401: the type answers 401 for a caller without credentials.
impl ResponseError for LookupError {
    fn status_code(&self) -> StatusCode {
        match self {
            LookupError::Database(_) => StatusCode::INTERNAL_SERVER_ERROR,
            LookupError::MissingHeader => StatusCode::UNAUTHORIZED,
            LookupError::BadCredentials => StatusCode::UNAUTHORIZED,
        }
    }
    fn error_response(&self) -> HttpResponse {
        HttpResponse::build(self.status_code()).finish()
    }
}

pub struct Member {
    pub id: u64,
}

// Reads the request's credential and fails with the error type above when it is absent.
pub fn header_value(req: &HttpRequest) -> Result<&str, LookupError> {
    let raw = req
        .headers()
        .get("Authorization")
        .ok_or(LookupError::MissingHeader)?;
    raw.to_str().map_err(|_| LookupError::BadCredentials)
}

async fn member_for(value: &str) -> Result<Option<Member>, LookupError> {
    Ok((!value.is_empty()).then_some(Member { id: 1 }))
}

// Named for neither auth nor a check: it finds who calls, two calls above the header read.
pub async fn member_from_request(req: &HttpRequest) -> Result<Member, LookupError> {
    let value = header_value(req)?;
    member_for(value).await?.ok_or(LookupError::BadCredentials)
}

// Reads a header and fails with a type that answers 500 only: no credential check.
pub fn trace_id(req: &HttpRequest) -> Result<String, TraceError> {
    req.headers()
        .get("x-trace-id")
        .map(|v| v.to_str().unwrap_or_default().to_string())
        .ok_or(TraceError)
}

#[derive(Debug)]
pub struct TraceError;

impl std::fmt::Display for TraceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("no trace")
    }
}

impl ResponseError for TraceError {}

// Named for a session check: reads the session cookie, fails unauthenticated callers.
pub fn authorize_session(req: &HttpRequest) -> Result<Member, LookupError> {
    match req.cookie("session") {
        Some(_) => Ok(Member { id: 2 }),
        None => Err(LookupError::BadCredentials),
    }
}
