//! The front end: an `App` of its own, serving static files.
use actix_web::{App, HttpServer};

pub async fn run() -> std::io::Result<()> {
    HttpServer::new(|| App::new().service(actix_files::Files::new("/", "./dist")))
        .bind(("0.0.0.0", 8081))?
        .run()
        .await
}
