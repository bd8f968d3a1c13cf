use axum::{routing::get, Router};

#[derive(Clone, Copy)]
enum Tenancy {
    Single,
    Multi,
}

async fn metadata() {}
async fn tail() {}

fn dataset_routes() -> Router {
    Router::new()
        .route("/metadata", get(metadata))
        .route("/tail", get(tail))
}

/// The dataset routes live under a base that depends on the deployment: one account, or
/// many, the account named in the path.
fn app(tenancy: Tenancy) -> Router {
    Router::new().nest(
        match tenancy {
            Tenancy::Multi => "/{account}/{dataset}",
            Tenancy::Single => "/{dataset}",
        },
        dataset_routes(),
    )
}

#[tokio::main]
async fn main() {
    let tenancy = if std::env::var("MULTI").is_ok() {
        Tenancy::Multi
    } else {
        Tenancy::Single
    };
    let listener = tokio::net::TcpListener::bind("0.0.0.0:8080").await.unwrap();
    axum::serve(listener, app(tenancy)).await.unwrap();
}
