use actix_web::{web, App, HttpResponse, HttpServer, Responder};

async fn get_config() -> impl Responder {
    HttpResponse::Ok().body("config")
}

/// The registration in use.
pub fn config_routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/v1/configs").route(web::get().to(get_config)));
}

/// The old way, kept for callers of the library: nothing here calls it.
#[deprecated]
pub fn legacy_config() -> impl FnOnce(&mut web::ServiceConfig) {
    move |cfg: &mut web::ServiceConfig| {
        cfg.service(web::scope("/v1").service(web::resource("/configs").to(get_config)));
    }
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    HttpServer::new(|| App::new().configure(config_routes))
        .bind(("127.0.0.1", 8080))?
        .run()
        .await
}
