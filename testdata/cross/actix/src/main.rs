// Drifted from ../openapi.yaml on purpose: see the cross tests.
use actix_web::{delete, get, post, web, App, HttpResponse, HttpServer};
use actix_web_httpauth::extractors::bearer::BearerAuth;

#[get("/books")]
async fn list_books() -> HttpResponse {
    HttpResponse::Ok().finish()
}

#[post("/books")]
async fn add_book(_auth: BearerAuth) -> HttpResponse {
    HttpResponse::Created().finish()
}

#[delete("/books/{isbn}")]
async fn remove_book(path: web::Path<String>) -> HttpResponse {
    let _ = path;
    HttpResponse::NoContent().finish()
}

#[get("/admin/reindex")]
async fn reindex() -> HttpResponse {
    HttpResponse::Ok().finish()
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    HttpServer::new(|| {
        App::new().service(
            web::scope("/v2")
                .service(list_books)
                .service(add_book)
                .service(remove_book)
                .service(reindex),
        )
    })
    .bind(("127.0.0.1", 8080))?
    .run()
    .await
}
