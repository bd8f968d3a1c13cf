use actix_web::{middleware::Condition, web, App, HttpServer};

mod keys;
use keys::{ExemptPath, KeyCheck};

async fn root() -> &'static str {
    "vault"
}
async fn healthz() -> &'static str {
    "ok"
}
async fn ready_db() -> &'static str {
    "ok"
}
async fn secrets() -> &'static str {
    "[]"
}
async fn metrics() -> &'static str {
    ""
}
async fn audit() -> &'static str {
    "[]"
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    let api_key = std::env::var("API_KEY").ok();
    // Paths the key check lets through.
    let open_paths = vec![
        ExemptPath::exact("/"),
        ExemptPath::exact("/healthz"),
        ExemptPath::prefix("/ready"),
    ];
    let protect = std::env::var("AUDIT_KEY").is_ok();
    HttpServer::new(move || {
        App::new()
            // Always on, with its own allowlist.
            .wrap(KeyCheck::new(api_key.clone(), open_paths.clone()).skip_path("/metrics"))
            .route("/", web::get().to(root))
            .route("/healthz", web::get().to(healthz))
            .route("/ready/db", web::get().to(ready_db))
            .route("/secrets", web::get().to(secrets))
            .route("/metrics", web::get().to(metrics))
            .service(
                web::scope("/audit")
                    // On only when configured: not a path list, a switch.
                    .wrap(Condition::new(protect, KeyCheck::new(None, Vec::new())))
                    .route("", web::get().to(audit)),
            )
    })
    .bind(("0.0.0.0", 8200))?
    .run()
    .await
}
