use axum::routing::get;
use axum::Router;

#[derive(Clone)]
pub struct Store;

async fn list_items() -> &'static str {
    "[]"
}

async fn show_item() -> &'static str {
    "{}"
}

/// Each resource is a type with a method that builds its router, its children nested below.
pub struct ItemService {
    store: Store,
}

impl ItemService {
    pub fn new(store: Store) -> Self {
        ItemService { store }
    }

    fn detail(&self) -> DetailService {
        DetailService {
            _store: self.store.clone(),
        }
    }

    pub fn router(self) -> Router {
        Router::new()
            .route("/", get(list_items))
            .nest("/{id}", self.detail().router())
    }
}

pub struct DetailService {
    _store: Store,
}

impl DetailService {
    // Reached only through `self.detail()`, whose type apiward does not follow: its routes
    // are under `/items/{id}`, never at the root.
    pub fn router(self) -> Router {
        Router::new().route("/", get(show_item))
    }
}

#[tokio::main]
async fn main() {
    let app = Router::new().nest("/items", ItemService::new(Store).router());
    let listener = tokio::net::TcpListener::bind("0.0.0.0:3000").await.unwrap();
    axum::serve(listener, app).await.unwrap();
}
