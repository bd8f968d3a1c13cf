// An extractor whose check is in an associated function of its own type, called by the
// type's name (`Grant::from_header(parts)`), not `Self::`: an auth extractor all the same.
use axum::{routing::get, Router};

mod grant;
use grant::Grant;

async fn read_secret(grant: Grant) -> String {
    grant.scopes.join(" ")
}

async fn health() -> &'static str {
    "ok"
}

#[tokio::main]
async fn main() {
    let app = Router::new()
        .route("/health", get(health))
        .route("/secrets/{name}", get(read_secret));
    let listener = tokio::net::TcpListener::bind("0.0.0.0:9000").await.unwrap();
    axum::serve(listener, app).await.unwrap();
}
