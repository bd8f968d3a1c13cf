mod api;

#[tokio::main]
async fn main() {
    let app = api::create_router(String::from("/srv/files"));
    let listener = tokio::net::TcpListener::bind("0.0.0.0:8090").await.unwrap();
    axum::serve(listener, app).await.unwrap();
}
