// The project's own `App` (a struct holding the router, with builder methods of its own) is
// no actix `App`: its `graceful(..)` is no router method left unresolved. The docs page is
// built in a file that names no router, merged by its caller.
use axum::{routing::get, Router};

mod docs;

#[derive(utoipa::OpenApi)]
#[openapi(info(title = "depot"))]
pub struct DepotApi;

pub struct App {
    router: Router,
    graceful: bool,
}

impl App {
    pub fn new() -> Self {
        let router = Router::new()
            .route("/shelves", get(list_shelves))
            .merge(docs::reference_page());
        App { router, graceful: false }
    }

    pub fn graceful(mut self, on: bool) -> Self {
        self.graceful = on;
        self
    }

    pub async fn serve(self, listener: tokio::net::TcpListener) {
        let Self { router, graceful } = self;
        if graceful {
            println!("draining on shutdown");
        }
        axum::serve(listener, router).await.unwrap();
    }
}

async fn list_shelves() -> &'static str {
    "[]"
}

#[tokio::main]
async fn main() {
    let listener = tokio::net::TcpListener::bind("0.0.0.0:7070").await.unwrap();
    App::new().graceful(true).serve(listener).await;
}
