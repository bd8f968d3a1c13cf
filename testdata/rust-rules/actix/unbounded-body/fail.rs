use actix_web::{web, App, HttpServer};

pub async fn run() -> std::io::Result<()> {
    HttpServer::new(|| {
        App::new()
            .app_data(web::JsonConfig::default().limit(usize::MAX)) //~ unbounded-body
            .app_data(web::PayloadConfig::new(1 << 40)) //~ unbounded-body
            .app_data(
                web::FormConfig::default()
                    .limit(512 * 1024 * 1024), //~ unbounded-body
            )
    })
    .bind(("127.0.0.1", 8080))?
    .run()
    .await
}
