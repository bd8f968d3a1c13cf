use axum::{
    routing::{get, post},
    Router,
};

/// The admin server: its routers are built by its own methods, called on `self`.
pub struct AdminServer {
    redirect_legacy: bool,
}

impl AdminServer {
    pub fn new(redirect_legacy: bool) -> Self {
        AdminServer { redirect_legacy }
    }

    /// Served on whichever ports are configured, the same way on each.
    pub async fn start(&self, http: Option<u16>, https: Option<u16>) {
        match (http, https) {
            (Some(port), None) => self.serve(port).await,
            (None, Some(port)) => self.serve(port).await,
            (Some(port), Some(_)) => self.serve(port).await,
            (None, None) => {}
        }
    }

    async fn serve(&self, port: u16) {
        let mut app = Router::new()
            .route("/health", get(health))
            .nest("/api", self.api_route());
        if self.redirect_legacy {
            app = app.route("/legacy", get(health));
        }
        let listener = tokio::net::TcpListener::bind(("0.0.0.0", port)).await.unwrap();
        axum::serve(listener, app).await.unwrap();
    }

    fn api_route(&self) -> Router {
        Router::new()
            .merge(self.common_route())
            .merge(self.user_route())
    }

    fn common_route(&self) -> Router {
        Router::new().route("/info", get(health))
    }

    fn user_route(&self) -> Router {
        Router::new().route("/user/create", post(health))
    }
}

async fn health() -> &'static str {
    "ok"
}

#[tokio::main]
async fn main() {
    AdminServer::new(false).start(Some(8080), None).await;
}
