use actix_web::{web, App, HttpResponse, HttpServer, Resource};

mod assets {
    pub const ICON_PATH: &str = "/static/icon.svg";
}

/// Static files registered with actix-web's shortcuts on `Resource` (`.get(h)` is
/// `.route(web::get().to(h))`), one handler a closure.
fn static_files(cfg: &mut web::ServiceConfig) {
    cfg.service(Resource::new(assets::ICON_PATH).get(|| async {
        HttpResponse::Ok().content_type("image/svg+xml").body("<svg/>")
    }))
    .service(web::resource("/robots.txt").get(robots).head(robots));
}

async fn robots() -> HttpResponse {
    HttpResponse::Ok().body("User-agent: *\n")
}

async fn badge(name: web::Path<String>) -> HttpResponse {
    HttpResponse::Ok().body(name.into_inner())
}

async fn refresh(name: web::Path<String>) -> HttpResponse {
    let _ = name;
    HttpResponse::Accepted().finish()
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    HttpServer::new(|| {
        App::new()
            .service(
                web::resource("/badge/{name}")
                    .get(badge)
                    .post(refresh),
            )
            .configure(static_files)
    })
    .bind(("127.0.0.1", 8080))?
    .run()
    .await
}
