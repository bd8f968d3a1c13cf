use actix_web::{web, App, HttpResponse, HttpServer};

mod types;
use types::GossipRoute;

async fn transaction(body: web::Bytes) -> HttpResponse {
    HttpResponse::Ok().body(body)
}

async fn chunk(body: web::Bytes) -> HttpResponse {
    HttpResponse::Ok().body(body)
}

async fn health() -> HttpResponse {
    HttpResponse::Ok().finish()
}

async fn peers() -> HttpResponse {
    HttpResponse::Ok().finish()
}

fn routes() -> actix_web::Scope {
    web::scope("/gossip")
        .service(
            web::scope("/v2")
                .route(GossipRoute::Transaction.as_str(), web::post().to(transaction))
                .route(GossipRoute::Chunk.as_str(), web::post().to(chunk)),
        )
        .route(GossipRoute::Health.as_str(), web::get().to(health))
        .route(GossipRoute::PeerList.as_str(), web::get().to(peers))
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    HttpServer::new(|| App::new().service(routes()))
        .bind(("0.0.0.0", 8080))?
        .run()
        .await
}
