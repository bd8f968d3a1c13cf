use axum::{middleware::from_fn, routing::get, Router};

async fn list_notes() {}
async fn health() {}
async fn version() {}

/// Adds a layer and hands the router back.
fn with_local_user(router: Router) -> Router {
    router.layer(from_fn(|req, next: axum::middleware::Next| async move { next.run(req).await }))
}

/// Mounts the router it is given under a version prefix.
fn versioned(api: Router) -> Router {
    Router::new().nest("/v1", api)
}

/// Serves what it is given; does not mount it anywhere else.
async fn serve_on(port: u16, app: Router) {
    accept_loop(port, app).await
}

async fn accept_loop(port: u16, app: Router) {
    let _ = port;
    drop(app);
}

#[tokio::main]
async fn main() {
    let mut api = Router::new().route("/notes", get(list_notes));
    api = with_local_user(api);
    api = api.route("/health", get(health));
    let api = versioned(api);
    let app = Router::new().nest("/api", api).route("/version", get(version));
    serve_on(8080, app).await;
}
