use axum::extract::Path;
use axum::http::StatusCode;
use axum::Json;

#[utoipa::path(get, path = "/items", responses((status = 200)))]
pub async fn list_items() -> Json<Vec<String>> {
    Json(Vec::new())
}

#[utoipa::path(post, path = "/items")]
pub async fn create_item(Json(name): Json<String>) -> (StatusCode, Json<String>) {
    (StatusCode::CREATED, Json(name))
}

#[utoipa::path(get, path = "/items/{id}", params(("id" = u64, Path)))]
pub async fn get_item(Path(id): Path<u64>) -> Json<u64> {
    Json(id)
}

pub async fn health() -> &'static str {
    "ok"
}
