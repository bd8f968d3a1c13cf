use actix_cors::Cors;
use actix_web::{App, HttpServer};

pub async fn run() -> std::io::Result<()> {
    HttpServer::new(|| {
        App::new()
            .wrap(Cors::permissive()) //~ permissive-cors
            .wrap(
                Cors::default()
                    .allow_any_origin() //~ permissive-cors
                    .allow_any_method()
                    .supports_credentials(),
            )
            .wrap(
                Cors::default()
                    .allowed_origin_fn(|_origin, _req| true) //~ permissive-cors
                    .supports_credentials(),
            )
    })
    .bind(("127.0.0.1", 8080))?
    .run()
    .await
}
