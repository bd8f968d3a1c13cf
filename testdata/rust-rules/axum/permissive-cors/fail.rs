use axum::Router;
use tower_http::cors::{AllowOrigin, Any, CorsLayer};

pub fn dev_app() -> Router {
    Router::new().layer(CorsLayer::permissive().allow_credentials(true)) //~ permissive-cors
}

pub fn mirrored() -> Router {
    let cors = CorsLayer::very_permissive(); //~ permissive-cors
    Router::new().layer(cors)
}

pub fn any_with_credentials() -> Router {
    let cors = CorsLayer::new()
        .allow_origin(Any) //~ permissive-cors
        .allow_methods(Any)
        .allow_credentials(true);
    Router::new().layer(cors)
}

pub fn mirror_with_credentials() -> Router {
    Router::new().layer(
        CorsLayer::new()
            .allow_credentials(true)
            .allow_origin(AllowOrigin::mirror_request()), //~ permissive-cors
    )
}

pub fn predicate_with_credentials() -> Router {
    Router::new().layer(
        CorsLayer::new()
            .allow_origin(AllowOrigin::predicate(|_origin, _parts| true)) //~ permissive-cors
            .allow_credentials(true),
    )
}
