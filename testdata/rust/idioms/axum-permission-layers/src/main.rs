#[macro_use]
mod auth;

use std::sync::Arc;

use axum::{
    extract::{Request, State},
    http::StatusCode,
    middleware::{from_fn_with_state, Next},
    response::Response,
    routing::get,
    Router,
};

pub struct AppState;

impl AppState {
    fn grants(&self, token: &str, _p: Permission) -> bool {
        !token.is_empty()
    }
}

#[derive(Clone, Copy)]
pub enum Permission {
    SystemRead,
    UserRead,
}

/// Reads the caller's token and hands the decision to a check one call down.
async fn check_token(state: &AppState, request: &Request, p: Permission) -> Result<(), StatusCode> {
    let token = request
        .headers()
        .get("authorization")
        .and_then(|v| v.to_str().ok());
    match token {
        Some(t) if state.grants(t, p) => Ok(()),
        Some(_) => Err(StatusCode::FORBIDDEN),
        None => Err(StatusCode::UNAUTHORIZED),
    }
}

async fn user_read_guard(
    State(state): State<Arc<AppState>>,
    request: Request,
    next: Next,
) -> Result<Response, StatusCode> {
    check_token(&state, &request, Permission::UserRead).await?;
    Ok(next.run(request).await)
}

async fn status() {}
async fn list_users() {}
async fn create_user() {}

fn api(state: &Arc<AppState>, auth_enabled: bool) -> Router {
    let system = Router::new().route("/status", get(status));
    let users = Router::new().route(
        "/users",
        get(list_users)
            .layer(from_fn_with_state(Arc::clone(state), user_read_guard))
            .post(create_user),
    );
    let mut router = Router::new();
    if auth_enabled {
        router = router.merge(system.layer(permission_layer!(state, Permission::SystemRead)));
    } else {
        router = router.merge(system);
    }
    router.merge(users)
}

#[tokio::main]
async fn main() {
    let state = Arc::new(AppState);
    let auth_enabled = std::env::var("AUTH").is_ok();
    let app: Router = Router::new().nest("/api", api(&state, auth_enabled));
    let listener = tokio::net::TcpListener::bind("0.0.0.0:8080").await.unwrap();
    axum::serve(listener, app).await.unwrap();
}
