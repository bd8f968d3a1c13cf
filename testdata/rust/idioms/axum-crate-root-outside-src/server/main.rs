use axum::routing::get;
use axum::Router;

mod handlers;

#[tokio::main]
async fn main() {
    let app = Router::new()
        .route("/", get(handlers::pages::home))
        .merge(handlers::pages::routes())
        .nest("/admin", handlers::admin::routes())
        .merge(job_runtime::routes());
    let listener = tokio::net::TcpListener::bind("0.0.0.0:3000").await.unwrap();
    axum::serve(listener, app).await.unwrap();
}
