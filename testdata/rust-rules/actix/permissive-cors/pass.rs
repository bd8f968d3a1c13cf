use actix_cors::Cors;
use actix_web::{http::header, App, HttpServer};

pub async fn run() -> std::io::Result<()> {
    HttpServer::new(|| {
        App::new()
            .wrap(
                Cors::default()
                    .allowed_origin("https://app.example.com")
                    .allowed_methods(vec!["GET", "POST"])
                    .allowed_header(header::CONTENT_TYPE)
                    .supports_credentials()
                    .max_age(3600),
            )
            .wrap(Cors::default().allow_any_origin().send_wildcard())
            .wrap(
                Cors::default()
                    .allowed_origin_fn(|origin, _req| origin.as_bytes().ends_with(b".example.com"))
                    .supports_credentials(),
            )
    })
    .bind(("127.0.0.1", 8080))?
    .run()
    .await
}
