pub mod v1;
pub mod v2;

use actix_web::web;

pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.service(web::scope("/v1").configure(v1::config))
        .service(web::scope("/v2").configure(v2::config));
}
