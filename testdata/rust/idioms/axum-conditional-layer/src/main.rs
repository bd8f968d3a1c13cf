use axum::{routing::get, routing::post, Router};
use tower_http::validate_request::ValidateRequestHeaderLayer;

enum AuthMode {
    None,
    StaticKey(String),
}

struct Settings {
    basic: Option<(String, String)>,
    protect_stats: bool,
    auth: AuthMode,
}

async fn home() -> &'static str { "home" }
async fn stats() -> &'static str { "stats" }
async fn jobs() -> &'static str { "jobs" }
async fn create_job() -> &'static str { "created" }
async fn admin() -> &'static str { "admin" }
async fn metrics() -> &'static str { "metrics" }
async fn proxy() -> &'static str { "proxied" }

// The flag is a parameter; the one caller passes `true`: always protected.
fn proxy_routes(enable_auth: bool) -> Router {
    let mut router = Router::new().route("/proxy/{*target}", get(proxy));
    if enable_auth {
        router = router.layer(ValidateRequestHeaderLayer::bearer("token"));
    }
    router
}

fn app(settings: &Settings) -> Router {
    // The layer is only there when credentials are configured: anyone may call otherwise.
    let site = Router::new().route("/", get(home));
    let site = if let Some((user, pass)) = &settings.basic {
        site.layer(ValidateRequestHeaderLayer::basic(user, pass))
    } else {
        site
    };

    // Statement form: the router variable is updated in one arm only.
    let mut stats_router = Router::new().route("/stats", get(stats));
    if settings.protect_stats {
        stats_router = stats_router.layer(ValidateRequestHeaderLayer::bearer("token"));
    }

    // A match on the configured mode, the layer in one arm.
    let api = Router::new().route("/api/jobs", get(jobs).post(create_job));
    let api = match &settings.auth {
        AuthMode::None => api,
        AuthMode::StaticKey(key) => api.layer(ValidateRequestHeaderLayer::bearer(key)),
    };

    // Built and protected inside one arm: whenever it exists it is protected.
    let admin_router = if settings.protect_stats {
        Router::new()
            .route("/admin", post(admin))
            .layer(ValidateRequestHeaderLayer::bearer("token"))
    } else {
        Router::new()
    };

    // Protected whatever the settings.
    let metrics_router = Router::new()
        .route("/metrics", get(metrics))
        .layer(ValidateRequestHeaderLayer::bearer("token"));

    site.merge(stats_router)
        .merge(api)
        .merge(admin_router)
        .merge(metrics_router)
        .merge(proxy_routes(true))
}

#[tokio::main]
async fn main() {
    let settings = Settings { basic: None, protect_stats: false, auth: AuthMode::None };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:3000").await.unwrap();
    axum::serve(listener, app(&settings)).await.unwrap();
}
