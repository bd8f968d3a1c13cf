use actix_web::{web, App, HttpResponse, HttpServer, Scope};

mod bus;
mod web_ext {
    pub use crate::web::ExtendScope;
}
mod web;

use web_ext::ExtendScope;

async fn offers() -> HttpResponse {
    HttpResponse::Ok().finish()
}

/// Announces the market on the bus (a file that names actix-web too).
pub fn announce(points: bus::BindPoints) -> bus::BindPoints {
    points.clone().service(node_model::market::BUS_NAME)
}

fn register(scope: Scope) -> Scope {
    scope.route("/offers", web::get().to(offers))
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    HttpServer::new(|| App::new().service(web::scope("/market").extend(register)))
        .bind(("127.0.0.1", 8080))?
        .run()
        .await
}
