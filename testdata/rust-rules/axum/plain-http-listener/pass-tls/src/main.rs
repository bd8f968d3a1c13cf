use axum::{routing::get, Router};
use axum_server::tls_rustls::RustlsConfig;

#[tokio::main]
async fn main() {
    let app = Router::new().route("/", get(|| async { "hello" }));
    // Plain HTTP only redirects to HTTPS.
    let http = tokio::net::TcpListener::bind("0.0.0.0:80").await.unwrap();
    tokio::spawn(async move { axum::serve(http, redirect_app()).await.unwrap() });
    let config = RustlsConfig::from_pem_file("cert.pem", "key.pem").await.unwrap();
    axum_server::bind_rustls("0.0.0.0:443".parse().unwrap(), config)
        .serve(app.into_make_service())
        .await
        .unwrap();
}
