// A service whose description (../openapi.yaml) matches it route for route.
use axum::{
    extract::{FromRequestParts, Path},
    http::{request::Parts, StatusCode},
    routing::get,
    Router,
};

pub struct User(String);

impl<S: Send + Sync> FromRequestParts<S> for User {
    type Rejection = StatusCode;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let token = parts.headers.get("authorization").ok_or(StatusCode::UNAUTHORIZED)?;
        Ok(User(token.to_str().unwrap_or_default().to_owned()))
    }
}

async fn health() -> &'static str {
    "ok"
}
async fn list_notes(_user: User) -> String {
    String::new()
}
async fn get_note(_user: User, Path(slug): Path<String>) -> String {
    slug
}
async fn delete_note(_user: User, Path(slug): Path<String>) -> String {
    slug
}

fn app() -> Router {
    let api = Router::new()
        .route("/notes", get(list_notes))
        .route("/notes/{slug}", get(get_note).delete(delete_note));
    Router::new().nest("/v1", api).route("/health", get(health))
}

#[tokio::main]
async fn main() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:3000").await.unwrap();
    axum::serve(listener, app()).await.unwrap();
}
