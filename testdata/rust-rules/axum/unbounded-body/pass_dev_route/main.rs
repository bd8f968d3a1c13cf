// A git backend mounted only when the service runs in development: its handler reads the
// whole body, but production does not serve it (`fail.rs` reports the same read in a
// served handler).
use axum::{body::Body, routing::get, routing::post, Router};

struct Config {
    env: Env,
}

#[derive(PartialEq)]
enum Env {
    Development,
    Production,
}

async fn git_backend(body: Body) -> Vec<u8> {
    axum::body::to_bytes(body, usize::MAX).await.unwrap().to_vec()
}

async fn import() -> &'static str {
    "ok"
}

pub fn app(config: &Config) -> Router {
    let mut router = Router::new().route("/import", post(import));
    if config.env == Env::Development {
        router = router.route("/git/{*path}", get(git_backend));
    }
    router
}

#[tokio::main]
async fn main() {
    let config = Config { env: Env::Production };
    let listener = tokio::net::TcpListener::bind("0.0.0.0:3000").await.unwrap();
    axum::serve(listener, app(&config)).await.unwrap();
}
