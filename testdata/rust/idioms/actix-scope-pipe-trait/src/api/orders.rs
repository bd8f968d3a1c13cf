use actix_web::{web, HttpResponse, Scope};

pub fn register(scope: Scope) -> Scope {
    scope
        .route("/orders", web::get().to(list))
        .route("/orders/{id}", web::delete().to(cancel))
}

async fn list() -> HttpResponse {
    HttpResponse::Ok().finish()
}

async fn cancel(id: web::Path<u64>) -> HttpResponse {
    let _ = id;
    HttpResponse::NoContent().finish()
}
