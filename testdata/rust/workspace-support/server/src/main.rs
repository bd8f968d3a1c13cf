// A service whose paths, extractor and one router live in sibling crates of its workspace:
// run on `server` alone, they are read for what it names.
use axum::routing::get;
use axum::Router;

async fn health() -> &'static str {
    "ok"
}

async fn me(user: web::User) -> String {
    user.0
}

#[tokio::main]
async fn main() {
    let app = Router::new()
        .route(paths::HEALTH, get(health))
        .route("/me", get(me))
        .merge(web::router());
    let listener = tokio::net::TcpListener::bind("0.0.0.0:3000").await.unwrap();
    axum::serve(listener, app).await.unwrap();
}
