use actix_web::{get, post, web, HttpResponse};
use actix_web_httpauth::middleware::HttpAuthentication;

#[utoipa::path(responses((status = 200)))]
#[get("/entries")]
async fn list_entries() -> HttpResponse {
    HttpResponse::Ok().finish()
}

#[utoipa::path(responses((status = 201)))]
#[post("/entries")]
async fn create_entry() -> HttpResponse {
    HttpResponse::Created().finish()
}

pub fn configure(svc: &mut utoipa_actix_web::service_config::ServiceConfig) {
    svc.service(
        utoipa_actix_web::scope("/api/v1")
            .map(|scope| scope.wrap(HttpAuthentication::bearer(crate::server::validator)))
            .service(list_entries)
            .service(create_entry),
    );
    svc.route("/status", web::get().to(status));
}

async fn status() -> &'static str {
    "up"
}
