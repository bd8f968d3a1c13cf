use axum::{extract::Path, routing::get, Json, Router};
use oasgen::{oasgen, Server};

#[oasgen]
async fn list_notes() -> Json<Vec<String>> {
    Json(Vec::new())
}

#[oasgen]
async fn add_note(Json(text): Json<String>) -> Json<String> {
    Json(text)
}

#[oasgen]
async fn drop_note(Path(id): Path<u32>) -> Json<u32> {
    Json(id)
}

async fn version() -> &'static str {
    "1"
}

#[tokio::main]
async fn main() {
    // oasgen's builder registers by method and serves the description it generates; its
    // `into_router()` is an axum router merged with the others.
    let docs = Server::axum()
        .get("/notes", list_notes)
        .post("/notes", add_note)
        .delete("/notes/:id", drop_note)
        .route_json_spec("/openapi.json")
        .freeze();
    let app = Router::new()
        .merge(docs.into_router())
        .route("/version", get(version));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:3000").await.unwrap();
    axum::serve(listener, app).await.unwrap();
}
