mod views;

#[derive(Clone)]
pub struct AppState;

#[tokio::main]
async fn main() {
    let app = axum::Router::new().merge(views::router()).with_state(AppState);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:3000").await.unwrap();
    axum::serve(listener, app).await.unwrap();
}
