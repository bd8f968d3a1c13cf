use std::rc::Rc;

use actix_web::{web, App, HttpResponse, HttpServer};

use gatekeeper::{AuthMiddleware, CallerStatus, SessionStatus, Sessions};

async fn health() -> &'static str {
    "OK"
}

async fn whoami(status: web::ReqData<CallerStatus>) -> HttpResponse {
    match &status.0 {
        SessionStatus::SignedIn(user) => HttpResponse::Ok().body(user.clone()),
        SessionStatus::SignedOut => HttpResponse::Ok().body("nobody"),
    }
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    let auth_context = Rc::new(Sessions);
    HttpServer::new(move || {
        App::new()
            .route("/health", web::get().to(health))
            .wrap(AuthMiddleware::new(Rc::clone(&auth_context)))
            .route("/whoami", web::get().to(whoami))
    })
    .bind(("127.0.0.1", 8080))?
    .run()
    .await
}
