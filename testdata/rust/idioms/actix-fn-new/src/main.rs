use actix_web::{web, App, HttpServer};
mod store;

async fn home() -> &'static str {
    "hi"
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    HttpServer::new(move || App::new().route("/", web::get().to(home)))
        .bind(("127.0.0.1", 8080))?
        .run()
        .await
}
