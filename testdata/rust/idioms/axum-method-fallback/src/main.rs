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
    let _app: Router = Router::new()
        .nest("/console", console)
        .fallback(get(not_found).post(hook));
}
