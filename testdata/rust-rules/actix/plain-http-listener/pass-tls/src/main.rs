use actix_web::{web, App, HttpServer};

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    let config = load_rustls_config();
    HttpServer::new(|| App::new().route("/", web::get().to(|| async { "hi" })))
        .bind(("0.0.0.0", 80))?
        .bind_rustls_0_23(("0.0.0.0", 443), config)?
        .run()
        .await
}
