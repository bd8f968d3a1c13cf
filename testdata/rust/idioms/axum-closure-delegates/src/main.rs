use axum::{
    extract::{FromRequestParts, State},
    http::{request::Parts, StatusCode},
    routing::{get, post},
    Json, Router,
};

#[derive(Clone)]
struct AppState;

/// Rejects a request without a bearer token.
struct AuthUser(String);

impl<S: Send + Sync> FromRequestParts<S> for AuthUser {
    type Rejection = StatusCode;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let header = parts
            .headers
            .get("authorization")
            .ok_or(StatusCode::UNAUTHORIZED)?;
        let token = header.to_str().map_err(|_| StatusCode::UNAUTHORIZED)?;
        Ok(AuthUser(token.trim_start_matches("Bearer ").to_owned()))
    }
}

async fn chat(
    State(_s): State<AppState>,
    Json(body): Json<String>,
    models: Vec<String>,
) -> String {
    format!("{body} {}", models.len())
}

async fn create_model(user: AuthUser, Json(name): Json<String>, limit: usize) -> String {
    format!("{} {name} {limit}", user.0)
}

async fn stylesheet(name: &str) -> &'static str {
    if name == "dark" {
        "body{}"
    } else {
        ""
    }
}

#[tokio::main]
async fn main() {
    let models = vec!["small".to_string()];
    let limit = 8;
    // Closures that hand the request to a function of the project, with values they
    // captured: that function is the handler, its parameters the extractors.
    let app = Router::new()
        .route(
            "/chat",
            post(move |state, payload| chat(state, payload, models)),
        )
        .route(
            "/models",
            post(move |user, body| async move { create_model(user, body, limit).await }),
        )
        .route("/dark.css", get(|| async { stylesheet("dark").await }))
        .with_state(AppState);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:3000").await.unwrap();
    axum::serve(listener, app).await.unwrap();
}
