// A second binary of the crate serving the same `App` (a crate root of its own).
use depot::App;

#[tokio::main]
async fn main() {
    let listener = tokio::net::TcpListener::bind("0.0.0.0:7071").await.unwrap();
    App::new().graceful(false).serve(listener).await;
}
