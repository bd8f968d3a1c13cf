// Two server builders: each step takes the builder and gives it back, routes registered in
// the constructor and in steps, a guard layered on the held router by a step of its own.
use axum::{
    routing::{get, post},
    Router,
};
use tower_http::validate_request::ValidateRequestHeaderLayer;

async fn upload() {}
async fn list() {}
async fn export() {}
async fn healthz() {}
async fn reports() {}
async fn version() {}

pub struct ApiServer {
    router: Router,
    token: String,
}

impl ApiServer {
    pub fn new(token: String) -> Self {
        let router = Router::new().route("/files", get(list).post(upload));
        Self { router, token }
    }

    pub fn with_export(mut self) -> Self {
        self.router = self.router.route("/export", post(export));
        self
    }

    pub fn with_guard(mut self) -> Self {
        self.router = self
            .router
            .layer(ValidateRequestHeaderLayer::bearer(&self.token));
        self
    }

    /// Called last: what it adds comes after the guard.
    pub fn into_router(self) -> Router {
        self.router.route("/healthz", get(healthz))
    }
}

pub struct ReportServer {
    router: Router,
}

impl ReportServer {
    pub fn new() -> Self {
        Self {
            router: Router::new().route("/reports", get(reports)),
        }
    }

    pub fn with_guard(mut self, token: &str) -> Self {
        self.router = self.router.layer(ValidateRequestHeaderLayer::bearer(token));
        self
    }

    pub fn finish(self) -> Router {
        self.router.route("/version", get(version))
    }
}

#[tokio::main]
async fn main() {
    let token = std::env::var("TOKEN").unwrap_or_default();
    let api = ApiServer::new(token.clone()).with_export().with_guard().into_router();
    // The report server is guarded only when a flag says so.
    let mut reports = ReportServer::new();
    if std::env::var("GUARD_REPORTS").is_ok() {
        reports = reports.with_guard(&token);
    }
    let app = api.merge(reports.finish());
    let listener = tokio::net::TcpListener::bind("0.0.0.0:3000").await.unwrap();
    axum::serve(listener, app).await.unwrap();
}
