//! An authorizer of the project's own behind tower-http's `AsyncRequireAuthorizationLayer`:
//! it attaches a `Session` to every request (anonymous when no credentials came) and lets
//! all through. What each route requires depends on its handler.
use axum::{routing::get, routing::post, Extension, Router};
use tower_http::auth::AsyncRequireAuthorizationLayer;

mod signin;

#[derive(Clone)]
pub struct Session {
    pub level: u8,
}

#[derive(Clone)]
pub struct Store;

pub struct Forbidden;

impl Store {
    pub fn check(&self, session: &Session) -> Result<(), Forbidden> {
        if session.level > 0 {
            Ok(())
        } else {
            Err(Forbidden)
        }
    }
}

/// Reads nothing of the caller: public whatever the middleware found.
async fn health(Extension(_store): Extension<Store>) -> &'static str {
    "ok"
}

/// Answers differently for callers it knows: optional auth.
async fn query(Extension(session): Extension<Session>) -> String {
    format!("{}", session.level)
}

/// Hands the work to a helper that checks the session first: required.
async fn export(
    Extension(store): Extension<Store>,
    Extension(session): Extension<Session>,
) -> Result<String, Forbidden> {
    export_inner(store, session).await
}

async fn export_inner(store: Store, session: Session) -> Result<String, Forbidden> {
    store.check(&session)?;
    Ok(String::new())
}

#[tokio::main]
async fn main() {
    let app = Router::new()
        .route("/status", get(|| async {}))
        .route("/health", get(health))
        .route("/query", post(query))
        .route("/export", get(export))
        .route("/signin", post(signin::handler))
        .layer(AsyncRequireAuthorizationLayer::new(SessionAuth));
    let listener = tokio::net::TcpListener::bind("0.0.0.0:3000").await.unwrap();
    axum::serve(listener, app).await.unwrap();
}

#[derive(Clone)]
struct SessionAuth;
