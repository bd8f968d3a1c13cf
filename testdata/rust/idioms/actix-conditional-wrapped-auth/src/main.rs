use actix_web::{middleware, web, App, HttpServer};
use actix_web_httpauth::middleware::HttpAuthentication;

async fn upload() -> &'static str {
    "stored"
}
async fn listing() -> &'static str {
    "files"
}
async fn health() -> &'static str {
    "ok"
}

fn configure_files(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/upload").route(web::post().to(upload)));
    cfg.service(web::resource("/list").route(web::get().to(listing)));
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    let accounts: Vec<String> = std::env::args().skip(1).collect();
    HttpServer::new(move || {
        App::new()
            .route("/health", web::get().to(health))
            .service(
                // Basic auth only when accounts were configured; the middleware is adapted
                // with `Compat` to fit the scope's body type.
                web::scope("/files")
                    .wrap(middleware::Condition::new(
                        !accounts.is_empty(),
                        middleware::Compat::new(HttpAuthentication::basic(validate)),
                    ))
                    .configure(configure_files),
            )
            .service(
                web::scope("/admin")
                    .wrap(middleware::Compat::new(HttpAuthentication::bearer(validate)))
                    .route("/stats", web::get().to(listing)),
            )
    })
    .bind(("127.0.0.1", 8080))?
    .run()
    .await
}
