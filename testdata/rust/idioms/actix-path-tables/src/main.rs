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
            // One resource at two paths: a versioned one and the default version.
            .service(
                web::resource(["/push/{version}/{token}", "/push/{token}"])
                    .route(web::post().to(api::status)),
            )
            .service(web::scope(API_ROUTES.pow.scope).service(api::verify))
    })
    .bind(("0.0.0.0", 8080))?
    .run()
    .await
}
