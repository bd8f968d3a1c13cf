use std::net::SocketAddr;

use aide::axum::routing::{get, post};
use aide::axum::ApiRouter;
use aide::openapi::OpenApi;
use anyhow::{Context, Result};

async fn list_tallies() -> &'static str {
    "[]"
}

async fn add_tally() -> &'static str {
    "ok"
}

fn tallies() -> ApiRouter {
    ApiRouter::new()
        .api_route("/tallies", get(list_tallies))
        .api_route("/tallies", post(add_tally))
}

/// The router, and the OpenAPI document written from it.
pub fn router() -> Result<(axum::Router, OpenApi)> {
    let mut api = OpenApi::default();
    let app = ApiRouter::new().nest("/api", tallies()).finish_api(&mut api);
    Ok((app, api))
}

/// Serves what `router` builds; its own text names no router.
pub async fn start(addr: SocketAddr) -> Result<()> {
    let built = router()?;
    let listener = tokio::net::TcpListener::bind(addr).await.context("bind")?;
    let service = built.0.into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, service).await.context("server exited")
}

async fn stats() -> &'static str {
    "{}"
}

/// Nested under `/admin` by `operator`; built alone only to count its routes.
pub fn admin() -> axum::Router {
    axum::Router::new().route("/stats", axum::routing::get(stats))
}

/// A second server, for operators.
pub fn operator() -> axum::Router {
    axum::Router::new().nest("/admin", admin())
}
