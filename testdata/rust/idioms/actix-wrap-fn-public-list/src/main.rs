use actix_web::{web, App, HttpResponse, HttpServer};
use futures::future::{ready, Either};

mod open_paths;
use open_paths::OPEN_PREFIXES;

fn key_matches(req: &actix_web::dev::ServiceRequest, key: &str) -> bool {
    req.headers()
        .get("Authorization")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.strip_prefix("Bearer ") == Some(key))
}

async fn status() -> &'static str {
    "up"
}
async fn live() -> &'static str {
    "ok"
}
async fn docs() -> &'static str {
    "<html></html>"
}
async fn transfers() -> &'static str {
    "[]"
}
async fn statuses_archive() -> &'static str {
    "[]"
}
async fn docs_document() -> &'static str {
    "{}"
}
async fn reset_probe() -> &'static str {
    "reset"
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    let key = std::env::var("RELAY_KEY").unwrap_or_default();
    HttpServer::new(move || {
        let key = key.clone();
        App::new()
            .wrap_fn(move |req, srv| {
                let path = req.path();
                let is_open = OPEN_PREFIXES.iter().any(|p| path.starts_with(p));
                let allowed = is_open || key_matches(&req, &key);
                if allowed {
                    Either::Left(srv.call(req))
                } else {
                    let res = HttpResponse::Unauthorized().finish();
                    Either::Right(ready(Ok(req.into_response(res))))
                }
            })
            .route("/docs", web::get().to(docs))
            .route("/docs/openapi.json", web::get().to(docs_document))
            .service(
                web::scope("/v2")
                    .route("/status", web::get().to(status))
                    .route("/live", web::get().to(live))
                    .route("/transfers", web::get().to(transfers))
                    .route("/archive/status", web::get().to(statuses_archive))
                    // Its own key check, with no open paths: the app's do not apply to it.
                    .service(
                        web::scope("/live/admin")
                            .wrap_fn(|req, srv| {
                                if key_matches(&req, "operator") {
                                    Either::Left(srv.call(req))
                                } else {
                                    let res = HttpResponse::Unauthorized().finish();
                                    Either::Right(ready(Ok(req.into_response(res))))
                                }
                            })
                            .route("/reset", web::post().to(reset_probe)),
                    ),
            )
    })
    .bind(("0.0.0.0", 8080))?
    .run()
    .await
}
