use actix_web::{web, App, HttpServer};

mod auth;
mod meta;
mod mailer;
mod uploads;

/// A logger whose name only looks like it authenticates.
pub struct OauthyLogger;

fn services(cfg: &mut web::ServiceConfig, limits: &u32) {
    let _ = limits;
    meta::services(cfg);
    cfg.service(web::scope("/auth").configure(|c| auth::configure(c, true)));
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    let limits = 10u32;
    let _mail = mailer::Mailer::new();
    HttpServer::new(move || {
        App::new()
            .wrap(OauthyLogger)
            .configure(|cfg| services(cfg, &limits))
            .configure(uploads::uploads_service(uploads::Settings {
                base_url: std::env::var("BASE_URL").unwrap_or_default(),
            }))
    })
    .bind(("0.0.0.0", 8080))?
    .run()
    .await
}
