use axum::{
    routing::{get, post},
    Router,
};

async fn settings() -> &'static str {
    "{}"
}

async fn reload() -> &'static str {
    "reloaded"
}

async fn single_sign_on() -> &'static str {
    "sso"
}

async fn health() -> &'static str {
    "ok"
}

async fn forward() -> &'static str {
    "forwarded"
}

/// The open-source build's configuration routes.
#[cfg(not(feature = "enterprise"))]
fn config_routes() -> Router {
    Router::new()
        .route("/", get(settings))
        .route("/reload", get(reload))
}

/// The enterprise build's: the same, and single sign-on.
#[cfg(feature = "enterprise")]
fn config_routes() -> Router {
    Router::new()
        .route("/", get(settings))
        .route("/reload", get(reload))
        .route("/sso", post(single_sign_on))
}

/// A handler written twice: the profiler, or a stub that says it is not built in. The
/// route is served either way.
#[cfg(feature = "profiling")]
async fn profile() -> &'static str {
    "profile"
}

#[cfg(not(feature = "profiling"))]
async fn profile() -> &'static str {
    "profiling is not built in"
}

pub async fn run() -> std::io::Result<()> {
    // Both arms nest the configuration routes: they are served whichever arm runs.
    let app = if std::env::var("ROUTER_NODE").is_ok() {
        Router::new()
            .nest("/config", config_routes())
            .route("/forward", post(forward))
    } else {
        Router::new()
            .nest("/config", config_routes())
            .route("/debug/profile", get(profile))
    };
    let app = app.route("/health", get(health));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:3000").await?;
    axum::serve(listener, app).await
}
