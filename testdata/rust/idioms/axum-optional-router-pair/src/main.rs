use axum::{routing::get, Router};

async fn file_info() -> &'static str {
    "info"
}

async fn editor_url() -> &'static str {
    "url"
}

async fn health() -> &'static str {
    "ok"
}

/// Two routers built together: one for the protocol, one for the API.
fn office_routers() -> (Router, Router) {
    let protocol = Router::new().route("/files/{id}", get(file_info));
    let api = Router::new().route("/editor-url", get(editor_url));
    (protocol, api)
}

async fn stats() -> &'static str {
    "stats"
}

/// A router only some deployments serve, returned as an `Option`.
fn stats_router(enabled: bool) -> Option<Router> {
    if !enabled {
        return None;
    }
    Some(Router::new().route("/stats", get(stats)))
}

#[tokio::main]
async fn main() {
    // The pair is built when the feature is configured, carried in an `Option`, and
    // mounted by an `if let` that takes it apart.
    let office = if std::env::var("OFFICE_URL").is_ok() {
        let (protocol, api) = office_routers();
        Some((protocol, api))
    } else {
        None
    };
    let mut app = Router::new().route("/health", get(health));
    if let Some((protocol, api)) = office {
        app = app.nest("/office", protocol).nest("/api/office", api);
    }
    // Built once, in the arm that binds it: listed under its prefix, not also at the root.
    if let Some(stats) = stats_router(std::env::var("STATS").is_ok()) {
        app = app.nest("/internal", stats);
    }
    let listener = tokio::net::TcpListener::bind("127.0.0.1:3000").await.unwrap();
    axum::serve(listener, app).await.unwrap();
}
