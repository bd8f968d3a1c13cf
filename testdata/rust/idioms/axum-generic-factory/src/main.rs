use axum::{routing::get, routing::post, Extension, Router};
use tower_http::auth::AsyncRequireAuthorizationLayer;
use tower_http::validate_request::ValidateRequestHeaderLayer;

mod authz;

pub trait RouterFactory {
    fn configure_router() -> Router;
}

pub struct Community;

impl RouterFactory for Community {
    fn configure_router() -> Router {
        Router::new()
            .route("/query", post(query))
            .route("/status", get(status))
    }
}

/// Reads the session the authorizer attaches (anonymous or not).
async fn query(Extension(_session): Extension<authz::Session>) -> &'static str {
    "[]"
}

async fn status() -> &'static str {
    "ok"
}

async fn stats() -> &'static str {
    "{}"
}

/// The router comes from whichever type implements the trait: the project has one.
pub fn app<F: RouterFactory>() -> Router {
    let admin = Router::new()
        .route("/admin/stats", get(stats))
        .layer(ValidateRequestHeaderLayer::bearer("s3cret"));
    F::configure_router()
        .merge(admin)
        .layer(AsyncRequireAuthorizationLayer::new(authz::Lenient))
}

#[tokio::main]
async fn main() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:3000").await.unwrap();
    axum::serve(listener, app::<Community>()).await.unwrap();
}
