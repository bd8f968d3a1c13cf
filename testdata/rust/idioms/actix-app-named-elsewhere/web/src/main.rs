// A struct named `App` in another crate of the workspace (a terminal client's) leaves the web
// crate's `App::new()`, imported from actix-web, the framework's.
use actix_web::{get, App, HttpServer, Responder};

#[get("/boards")]
async fn boards() -> impl Responder {
    "[]"
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    HttpServer::new(|| App::new().service(boards))
        .bind(("0.0.0.0", 8080))?
        .run()
        .await
}
