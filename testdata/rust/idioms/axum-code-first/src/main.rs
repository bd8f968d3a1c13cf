use axum::Router;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use utoipa_swagger_ui::SwaggerUi;

mod items;
mod paths;
mod webhooks;

fn api() -> OpenApiRouter {
    OpenApiRouter::new()
        .routes(routes!(items::list_items, items::create_item))
        .routes(routes!(items::get_item))
}

// Built in a function of its own, merged by the caller.
fn swagger_ui(spec: utoipa::openapi::OpenApi) -> SwaggerUi {
    SwaggerUi::new("/docs").url("/api/openapi.json", spec)
}

#[tokio::main]
async fn main() {
    let (router, spec) = OpenApiRouter::new().nest("/api/v1", api()).split_for_parts();
    let mut app: Router = router
        .merge(swagger_ui(spec))
        .nest_service("/hooks", webhooks::router());
    for (path, handler) in [
        (paths::HEALTH, axum::routing::get(items::health)),
        ("/ready", axum::routing::get(items::health)),
    ] {
        app = app.route(path, handler);
    }
    let base = std::env::var("BASE").unwrap_or_default();
    let app = if base.is_empty() { app } else { Router::new().nest(&base, app) };
    let listener = tokio::net::TcpListener::bind("0.0.0.0:3000").await.unwrap();
    axum::serve(listener, app).await.unwrap();
}
