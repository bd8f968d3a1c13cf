pub mod admin;
mod notes;

use actix_web::{guard, web};

pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/notes")
            .route(web::get().to(notes::list))
            .route(web::post().to(notes::create)),
    )
    .service(web::resource("/notes/{id}").guard(guard::Put()).to(notes::replace));
    cfg.service(notes::get_note);
    cfg.route("/notes/{id}/share", web::post().to(notes::share));
}
