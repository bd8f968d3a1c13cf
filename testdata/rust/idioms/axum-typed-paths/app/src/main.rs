use axum::Router;
use axum_extra::routing::RouterExt;

mod auth;
mod handlers;
mod static_files;

#[tokio::main]
async fn main() {
    let app = Router::new()
        .typed_get(static_files::serve)
        .typed_get(handlers::health)
        .merge(handlers::things::routes())
        .merge(handlers::teams::routes())
        .merge(handlers::blobs::routes())
        .typed_get(handlers::elsewhere);
    let listener = tokio::net::TcpListener::bind("0.0.0.0:3000").await.unwrap();
    axum::serve(listener, app).await.unwrap();
}
