use actix_web::{get, web, App, HttpResponse, HttpServer};

#[get("/items")]
async fn items() -> HttpResponse {
    HttpResponse::Ok().finish()
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    // `status_endpoints::ready` comes from a dependency: its route cannot be listed, and
    // the registration says so instead of vanishing.
    HttpServer::new(|| {
        App::new().service(
            web::scope("/api")
                .service(items)
                .service(status_endpoints::ready),
        )
    })
    .bind(("127.0.0.1", 8080))?
    .run()
    .await
}
