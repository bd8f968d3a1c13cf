use axum::{
    extract::Request,
    http::StatusCode,
    middleware::{self, Next},
    response::Response,
    routing::get,
    Router,
};
use utoipa_axum::router::OpenApiRouter;

async fn list_items() {}
async fn health() {}

async fn require_key(req: Request, next: Next) -> Result<Response, StatusCode> {
    if req.headers().get("x-api-key").is_none() {
        return Err(StatusCode::UNAUTHORIZED);
    }
    Ok(next.run(req).await)
}

pub fn api_routes() -> OpenApiRouter {
    OpenApiRouter::new().route("/items", get(list_items))
}

/// The server: the API behind the key check, the health probe open.
pub fn app() -> Router {
    let (api, _doc) = api_routes().split_for_parts();
    Router::new()
        .nest("/api", api.layer(middleware::from_fn(require_key)))
        .route("/health", get(health))
}

/// Writes the OpenAPI document: the router is built only for its description and dropped.
pub fn generate_spec() -> String {
    let (_router, doc) = OpenApiRouter::new().nest("/api", api_routes()).split_for_parts();
    // A router bound to `_` is dropped at once.
    let _ = Router::new().route("/scratch", get(health));
    format!("{doc:?}")
}

/// The OpenAPI document of a router built for it alone (`into_openapi()` consumes it):
/// its routes are not served.
pub fn openapi_doc() -> utoipa::openapi::OpenApi {
    describe(OpenApiRouter::new().nest("/api", api_routes()).route("/preview", get(health)))
}

fn describe(router: OpenApiRouter) -> utoipa::openapi::OpenApi {
    router.into_openapi()
}

/// The same through a closure that returns its router early: what the closure returns is
/// its own value, not the function's.
pub fn openapi_draft() -> utoipa::openapi::OpenApi {
    let draft = || {
        return OpenApiRouter::new().route("/draft", get(health));
    };
    describe(draft())
}
