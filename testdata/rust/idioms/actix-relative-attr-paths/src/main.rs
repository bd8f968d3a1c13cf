use actix_web::{get, post, web, App, HttpServer};

// A path without its leading slash is relative to the scope (actix puts the slash in).
#[get("authorize")]
async fn init() -> &'static str {
    "x"
}

#[post("accept")]
async fn accept() -> &'static str {
    "x"
}

#[post("external_notifications/email-sync")]
async fn sync() -> &'static str {
    "x"
}

pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.service(web::scope("oauth").service(init).service(accept));
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    HttpServer::new(|| {
        App::new()
            .service(web::scope("/_internal").configure(config).service(sync))
    })
    .bind(("127.0.0.1", 8080))?
    .run()
    .await
}
