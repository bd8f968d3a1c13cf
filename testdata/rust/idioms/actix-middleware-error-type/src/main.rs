use actix_web::http::Method;
use actix_web::{web, App, HttpResponse, HttpServer};

mod gate;

async fn upload() -> HttpResponse {
    HttpResponse::Ok().finish()
}

async fn purge() -> HttpResponse {
    HttpResponse::Ok().finish()
}

async fn stats() -> HttpResponse {
    HttpResponse::Ok().finish()
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    let key = std::env::var("STORE_KEY").ok();
    HttpServer::new(move || {
        App::new()
            .service(web::resource("/media").route(web::post().to(upload)))
            // An extension method, by its name: only `QUERY` requests.
            .route(
                "/media/search",
                web::method(Method::from_bytes(b"QUERY").unwrap()).to(upload),
            )
            .service(
                web::scope("/admin")
                    .wrap(gate::KeyGate(key.clone()))
                    .route("/purge", web::post().to(purge)),
            )
            .service(
                web::scope("/stats")
                    .wrap(gate::Counter)
                    .route("", web::get().to(stats)),
            )
    })
    .bind(("0.0.0.0", 8080))?
    .run()
    .await
}
