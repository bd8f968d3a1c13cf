use actix_web::{delete, get, post, web, App, HttpResponse, HttpServer};

#[post("/articles")]
async fn create_article(body: web::Json<NewArticle>) -> HttpResponse {
    HttpResponse::Created().finish()
}

#[delete("/articles/{slug}")]
async fn delete_article(slug: web::Path<String>) -> HttpResponse {
    HttpResponse::NoContent().finish()
}

async fn flush_cache() -> HttpResponse {
    HttpResponse::Ok().finish()
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    HttpServer::new(|| {
        App::new()
            .service(create_article) //~ unauthenticated-route
            .service(delete_article) //~ unauthenticated-route
            .route("/internal/flush", web::get().to(flush_cache)) //~ unauthenticated-route
    })
    .bind(("127.0.0.1", 8080))?
    .run()
    .await
}
