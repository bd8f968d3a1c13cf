mod keys;

use actix_web::{web, App, HttpServer};

use crate::keys;

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    HttpServer::new(|| {
        App::new().service(
            web::scope("/kms")
                .service(keys::health)
                .service(keys::seal)
                .service(keys::unseal),
        )
    })
    .bind(("127.0.0.1", 8080))?
    .run()
    .await
}
