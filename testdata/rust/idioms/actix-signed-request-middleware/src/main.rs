use std::rc::Rc;

use actix_web::{web, App, HttpResponse, HttpServer, Scope};

mod signing;

use signing::CheckSignature;

async fn heartbeat() -> HttpResponse {
    HttpResponse::Ok().finish()
}

async fn upload_slot() -> HttpResponse {
    HttpResponse::Ok().finish()
}

async fn health() -> HttpResponse {
    HttpResponse::Ok().finish()
}

fn node_routes() -> Scope {
    web::scope("/nodes")
        .route("/heartbeat", web::post().to(heartbeat))
        .route("/uploads", web::post().to(upload_slot))
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    HttpServer::new(|| {
        let keys = Rc::new(vec!["0xabc".to_string()]);
        App::new()
            .route("/health", web::get().to(health))
            .service(node_routes().wrap(CheckSignature { keys }))
    })
    .bind(("127.0.0.1", 8080))?
    .run()
    .await
}
