use actix_web::{web, App, HttpResponse, HttpServer, Responder};

async fn nar() -> impl Responder {
    HttpResponse::Ok().body("nar")
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    // The parameters' patterns are built from a constant of another crate: the paths are
    // still known, only the patterns are not.
    let nar_route = format!("/nar/{{hash:[{}]{{52}}}}.nar", base32_alphabet::ALPHABET);
    let pair_route = format!(
        "/nar/{{out:[{a}]{{32}}}}-{{hash:[{a}]{{52}}}}.nar",
        a = base32_alphabet::ALPHABET
    );
    HttpServer::new(move || {
        App::new()
            .route(&nar_route, web::get().to(nar))
            .route(&pair_route, web::get().to(nar))
    })
    .bind(("127.0.0.1", 8080))?
    .run()
    .await
}
