use axum::{routing::get, routing::post, Router};

struct Config {
    dev_mode: bool,
    metrics: bool,
    env: String,
    base: String,
}

impl Config {
    fn is_production(&self) -> bool {
        self.env == "production"
    }
}

async fn list() -> &'static str { "items" }
async fn seed() -> &'static str { "seeded" }
async fn reset() -> &'static str { "reset" }
async fn metrics() -> &'static str { "0" }
async fn playground() -> &'static str { "gql" }
async fn debug_state() -> &'static str { "{}" }
async fn fixtures() -> &'static str { "[]" }
async fn health() -> &'static str { "ok" }
async fn swagger() -> &'static str { "ui" }

fn admin_tools() -> Router {
    Router::new().route("/admin/reset", post(reset))
}

fn app(config: &Config) -> Router {
    let mut router = Router::new().route("/items", get(list));
    // Only some runs register these: conditional, the first three development only.
    if config.dev_mode {
        router = router.route("/dev/seed", post(seed));
    }
    if !config.is_production() {
        router = router.merge(admin_tools());
    }
    if cfg!(debug_assertions) {
        router = router.route("/debug/state", get(debug_state));
    }
    #[cfg(debug_assertions)]
    let router = router.route("/fixtures", get(fixtures));
    if config.metrics {
        router = router.route("/metrics", get(metrics));
    }
    let router = if config.is_production() {
        router.route("/health", get(health))
    } else {
        router.route("/playground", get(playground))
    };
    match config.env.as_str() {
        "development" => router.route("/docs", get(swagger)),
        _ => router,
    }
}

fn served(config: Option<Config>) -> Router {
    // An arm that gives up (`panic!`, `return`) leaves the other unconditional.
    let config = match config {
        Some(c) => c,
        None => panic!("no config"),
    };
    let router = match load() {
        Ok(r) => r.route("/always", get(health)),
        Err(_) => std::process::exit(1),
    };
    let router = router.merge(app(&config));
    // Registered in every arm: no condition.
    let router = if config.metrics {
        router.route("/both", get(list))
    } else {
        router.route("/both", get(list))
    };
    // Served in every arm, at its path or under a base path known only at run time.
    if config.base.is_empty() {
        router
    } else {
        Router::new().nest(&config.base, router)
    }
}

fn load() -> Result<Router, ()> {
    Ok(Router::new())
}

#[tokio::main]
async fn main() {
    let app = served(None);
    let listener = tokio::net::TcpListener::bind("0.0.0.0:3000").await.unwrap();
    axum::serve(listener, app).await.unwrap();
}
