mod extract;
mod middleware;

use actix_web::{web, App, HttpRequest, HttpResponse, HttpServer, Responder};

use crate::extract::SignedIn;

async fn health() -> impl Responder {
    "ok"
}

async fn boards(req: HttpRequest) -> impl Responder {
    let who = req.headers().contains_key("Authorization");
    HttpResponse::Ok().body(if who { "your boards" } else { "public boards" })
}

async fn delete_board(user: SignedIn, path: web::Path<u32>) -> impl Responder {
    HttpResponse::Ok().body(format!("{} deleted {}", user.0.name, path.into_inner()))
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    HttpServer::new(|| {
        App::new()
            .wrap(middleware::TeamAuthFactory)
            .route("/health", web::get().to(health))
            .route("/boards", web::get().to(boards))
            .route("/boards/{id}", web::delete().to(delete_board))
            .service(actix_files::Files::new("/assets", "./assets"))
    })
    .bind(("0.0.0.0", 8080))?
    .run()
    .await
}
