mod gates;

use actix_web::{get, App, HttpServer, Responder};

#[get("/profile", wrap = "crate::gates::members_only()")]
async fn profile() -> impl Responder {
    "me"
}

#[get("/status", wrap = "crate::gates::timing()")]
async fn status() -> impl Responder {
    "ok"
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    HttpServer::new(|| App::new().service(profile).service(status))
        .bind(("127.0.0.1", 8080))?
        .run()
        .await
}
