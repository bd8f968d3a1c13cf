// A RapiDoc page whose description is served by the Swagger UI beside it, a second one that
// serves its own description, and a third left at the library's default page path.
use axum::{routing::post, Router};
use utoipa::OpenApi;
use utoipa_rapidoc::RapiDoc;
use utoipa_swagger_ui::SwaggerUi;

#[derive(OpenApi)]
#[openapi(paths(relay))]
struct ApiDoc;

#[utoipa::path(post, path = "/relay")]
async fn relay() -> &'static str {
    "queued"
}

fn docs() -> Router {
    Router::new()
        .merge(SwaggerUi::new("/swagger-ui").url("/api-docs/openapi.json", ApiDoc::openapi()))
        // The description is the Swagger UI's; the page is moved to /rapidoc.
        .merge(RapiDoc::new("/api-docs/openapi.json").path("/rapidoc"))
        .merge(RapiDoc::with_openapi("/api-docs/v2.json", ApiDoc::openapi()).path("/rapidoc-v2"))
}

fn landing() -> Router {
    // No `.path(..)`: the page answers at the root.
    Router::new().merge(RapiDoc::new("/api-docs/openapi.json"))
}

#[tokio::main]
async fn main() {
    let app = Router::new()
        .route("/relay", post(relay))
        .merge(docs())
        .nest("/help", landing());
    let listener = tokio::net::TcpListener::bind("0.0.0.0:3030").await.unwrap();
    axum::serve(listener, app).await.unwrap();
}
