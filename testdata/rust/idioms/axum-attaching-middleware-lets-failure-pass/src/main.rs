use std::sync::{Arc, OnceLock};

use axum::extract::{Extension, Request};
use axum::middleware::{from_fn, Next};
use axum::response::Response;
use axum::routing::{get, put};
use axum::Router;

pub struct Token {
    pub subject: String,
}

impl Token {
    pub fn from_jwt(raw: &str) -> Result<Token, String> {
        raw.strip_prefix("v1.")
            .map(|s| Token { subject: s.to_string() })
            .ok_or_else(|| "malformed".to_string())
    }
}

/// Per-request state; the middleware fills in who called when a good token came.
#[derive(Clone, Default)]
pub struct RequestCtx {
    pub caller: Arc<OnceLock<Token>>,
}

/// Reads the bearer token, keeps it when it is good, and passes every request on: a bad or
/// missing token is an anonymous caller (each handler decides).
async fn apply_auth(req: Request, next: Next) -> Response {
    let token = req
        .headers()
        .get("Authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .and_then(|raw| {
            let parsed = Token::from_jwt(raw);
            if let Err(e) = &parsed {
                tracing::debug!("ignoring bad token: {e}");
            }
            parsed.ok()
        });
    if let Some(token) = token {
        let ctx = req.extensions().get::<RequestCtx>().unwrap();
        let _ = ctx.caller.set(token);
    }
    next.run(req).await
}

async fn health() -> &'static str {
    "ok"
}

async fn upload(Extension(ctx): Extension<RequestCtx>) -> String {
    match ctx.caller.get() {
        Some(t) => format!("stored for {}", t.subject),
        None => "stored in the public cache".to_string(),
    }
}

#[tokio::main]
async fn main() {
    let app = Router::new()
        .route("/health", get(health))
        .route("/upload", put(upload))
        .layer(from_fn(apply_auth))
        .layer(Extension(RequestCtx::default()));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:3000").await.unwrap();
    axum::serve(listener, app).await.unwrap();
}
