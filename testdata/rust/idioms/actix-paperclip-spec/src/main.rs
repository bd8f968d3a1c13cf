use actix_web::{App, HttpServer};
use paperclip::actix::{api_v2_operation, web, OpenApiExt};

#[api_v2_operation]
async fn quotas() -> Result<web::Json<Vec<String>>, actix_web::Error> {
    Ok(web::Json(Vec::new()))
}

#[api_v2_operation]
async fn consume() -> Result<web::Json<bool>, actix_web::Error> {
    Ok(web::Json(true))
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    HttpServer::new(|| {
        App::new()
            .wrap_api()
            .route("/quotas", web::get().to(quotas))
            .route("/consume", web::post().to(consume))
            // The library serves the document it collects, and a UI for it.
            .with_json_spec_at("/api/spec")
            .with_json_spec_v3_at("/api/spec/v3")
            .with_swagger_ui_at("/docs")
            .build()
    })
    .bind(("0.0.0.0", 8080))?
    .run()
    .await
}
