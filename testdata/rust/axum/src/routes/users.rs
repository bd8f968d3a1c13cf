use axum::{
    extract::Path,
    routing::{get, post},
    Json, Router,
};

use crate::auth::{AuthUser, MaybeUser};

pub fn router() -> Router {
    Router::new()
        .route("/", get(list_users).post(create_user))
        .route("/:id", get(get_user).put(update_user).delete(delete_user))
        .route("/{id}/avatar", get(avatar))
        .route("/files/*rest", get(user_file))
}

async fn list_users(_user: Option<AuthUser>) -> Json<Vec<String>> {
    Json(vec![])
}

async fn create_user(user: AuthUser, Json(body): Json<String>) -> String {
    body
}

async fn get_user(Path(id): Path<u64>) -> String {
    id.to_string()
}

async fn update_user(user: AuthUser, Path(id): Path<u64>) {}

async fn delete_user(Path(id): Path<u64>) {}

async fn avatar(maybe: MaybeUser) {}

async fn user_file(Path(rest): Path<String>) {}
