use actix_web::{web, App, HttpServer};

mod api;
mod paths;

pub use paths::ROUTES as API_ROUTES;

const VERSION: &str = "v2";

fn api_path(p: &str) -> String {
    format!("/api/{VERSION}{p}")
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    HttpServer::new(|| {
        App::new()
            .service(api::signin)
            .service(api::health)
            .route(&api_path("/status"), web::get().to(api::status))
            .route(concat!("/static", "/logo.png"), web::get().to(api::logo))
            .service(web::scope(API_ROUTES.pow.scope).service(api::verify))
    })
    .bind(("0.0.0.0", 8080))?
    .run()
    .await
}
