use actix_web::{web, App, HttpServer};

pub async fn run() -> std::io::Result<()> {
    HttpServer::new(|| {
        App::new()
            .app_data(web::JsonConfig::default().limit(4096))
            .app_data(web::PayloadConfig::new(10 * 1024 * 1024))
            .app_data(web::FormConfig::default().limit(64 * 1024))
    })
    .bind(("127.0.0.1", 8080))?
    .run()
    .await
}
