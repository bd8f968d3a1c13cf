use actix_web::{web, HttpResponse};

#[derive(Clone)]
pub struct Settings {
    pub base_url: String,
}

async fn create() -> HttpResponse {
    HttpResponse::Created().finish()
}

/// A function that returns the configure closure; the closure runs in `main`'s `configure`,
/// and what it registers is located here.
pub fn uploads_service(settings: Settings) -> impl Fn(&mut web::ServiceConfig) {
    move |cfg| {
        cfg.service(
            web::scope(settings.base_url.as_str()).route("/uploads", web::post().to(create)),
        );
    }
}
