use actix_web::{web, HttpResponse, Scope};

/// A closure-free step, through a helper of the same shape.
pub fn register(scope: Scope) -> Scope {
    scope.service(web::resource("/invoices/{id}").route(web::get().to(show)))
}

async fn show(id: web::Path<u64>) -> HttpResponse {
    let _ = id;
    HttpResponse::Ok().finish()
}
