use axum::{
    routing::{get, post},
    Router,
};

async fn asset() {}
async fn not_found() {}
async fn hook() {}

#[tokio::main]
async fn main() {
    // The console serves its files for GET only, at any path below its prefix; the root
    // answers GET and POST of any other path with its own handlers.
    let console = Router::new().fallback_service(get(asset));
    let app: Router = Router::new()
        .nest("/console", console)
        .fallback(get(not_found).post(hook));
    let listener = tokio::net::TcpListener::bind("0.0.0.0:8080").await.unwrap();
    axum::serve(listener, app).await.unwrap();
}
