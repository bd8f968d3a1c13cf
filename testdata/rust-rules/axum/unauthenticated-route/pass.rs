use axum::extract::{FromRequestParts, Json, Path};
use axum::http::{request::Parts, StatusCode};
use axum::middleware::from_fn;
use axum::routing::{delete, get, post};
use axum::Router;

/// Reads the bearer token of the `Authorization` header.
pub struct AuthUser(u64);

impl<S: Send + Sync> FromRequestParts<S> for AuthUser {
    type Rejection = StatusCode;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        match parts.headers.get("Authorization") {
            Some(_) => Ok(AuthUser(1)),
            None => Err(StatusCode::UNAUTHORIZED),
        }
    }
}

async fn login(Json(creds): Json<Credentials>) -> String {
    String::new()
}

async fn reset_password(Json(req): Json<ResetRequest>) -> StatusCode {
    StatusCode::ACCEPTED
}

async fn list_orders() -> String {
    String::new()
}

async fn create_order(user: AuthUser, Json(order): Json<NewOrder>) -> StatusCode {
    StatusCode::CREATED
}

async fn remove_user(user: AuthUser, Path(id): Path<u64>) -> StatusCode {
    StatusCode::NO_CONTENT
}

async fn stats() -> String {
    String::new()
}

async fn require_auth(req: Request, next: Next) -> Response {
    next.run(req).await
}

pub fn app() -> Router {
    let admin = Router::new()
        .route("/stats", get(stats))
        .route_layer(from_fn(require_auth));
    Router::new()
        .route("/login", post(login))
        .route("/password/reset", post(reset_password))
        .route("/orders", get(list_orders).post(create_order))
        .route("/users/:id", delete(remove_user))
        .nest("/admin", admin)
}
