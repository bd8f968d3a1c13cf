use actix_web::{web, App, HttpServer};

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    let port: u16 = std::env::var("PORT").unwrap().parse().unwrap();
    HttpServer::new(|| App::new().route("/", web::get().to(|| async { "hi" })))
        .bind(("0.0.0.0", port))? //~ plain-http-listener
        .run()
        .await
}
