use axum::http::HeaderValue;
use axum::Router;
use tower_http::cors::{AllowOrigin, Any, CorsLayer};

/// A public API: any origin, no credentials.
pub fn public_api() -> Router {
    Router::new().layer(CorsLayer::new().allow_origin(Any).allow_methods(Any))
}

/// Credentials for the listed front-end only.
pub fn app() -> Router {
    let cors = CorsLayer::new()
        .allow_origin("https://app.example.com".parse::<HeaderValue>().unwrap())
        .allow_credentials(true);
    Router::new().layer(cors)
}

/// A predicate that checks the origin.
pub fn checked() -> Router {
    Router::new().layer(
        CorsLayer::new()
            .allow_origin(AllowOrigin::predicate(|origin, _| {
                origin.as_bytes().ends_with(b".example.com")
            }))
            .allow_credentials(true),
    )
}

/// Any origin, no credentials.
pub fn permissive() -> Router {
    Router::new().layer(CorsLayer::permissive())
}

/// Development only, and said so.
pub fn dev() -> Router {
    Router::new().layer(CorsLayer::very_permissive()) // apiward: ignore[permissive-cors] -- local dev server
}
