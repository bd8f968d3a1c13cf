use actix_web::{web, App, HttpServer};
use serde_json::json;
use utoipa::OpenApi;
use utoipa_redoc::{Redoc, Servable};
use utoipa_swagger_ui::SwaggerUi;

#[derive(OpenApi)]
#[openapi(paths(health))]
struct ApiDoc;

/// Answers when the service is up.
#[utoipa::path(get, path = "/health", responses((status = 200, description = "up")))]
async fn health() -> &'static str {
    "ok"
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    HttpServer::new(|| {
        App::new()
            .route("/health", web::get().to(health))
            .service(web::redirect("/docs", "/swagger-ui/"))
            .service(Redoc::with_url_and_config("/redoc", ApiDoc::openapi(), || {
                json!({ "hideDownloadButton": true })
            }))
            .service(
                SwaggerUi::new("/swagger-ui/{_:.*}")
                    .url("/api-docs/openapi.json", ApiDoc::openapi()),
            )
    })
    .bind(("0.0.0.0", 8080))?
    .run()
    .await
}
