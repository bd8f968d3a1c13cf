use actix_web::{web, HttpResponse};

pub fn configure(cfg: &mut web::ServiceConfig, with_reset: bool) {
    cfg.route("/login", web::post().to(login));
    if with_reset {
        cfg.route("/reset", web::post().to(reset));
    }
}

async fn login() -> HttpResponse {
    HttpResponse::Ok().finish()
}

async fn reset() -> HttpResponse {
    HttpResponse::Ok().finish()
}
