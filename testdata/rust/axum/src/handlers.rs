use axum::http::StatusCode;

pub async fn index() -> &'static str {
    "shop"
}

pub async fn status() -> &'static str {
    "up"
}

pub async fn not_found() -> StatusCode {
    StatusCode::NOT_FOUND
}
