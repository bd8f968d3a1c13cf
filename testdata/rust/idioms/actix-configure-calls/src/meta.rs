use actix_web::{get, web, HttpResponse};

pub fn services(cfg: &mut web::ServiceConfig) {
    cfg.service(health).service(build_info);
}

#[get("/api/meta/health")]
async fn health() -> HttpResponse {
    HttpResponse::Ok().finish()
}

#[get("/api/meta/build")]
async fn build_info() -> HttpResponse {
    HttpResponse::Ok().finish()
}
