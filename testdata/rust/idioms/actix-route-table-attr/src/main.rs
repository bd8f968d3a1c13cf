use actix_web::{App, HttpServer};

mod api;
mod guard;

use api::Routes;

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    HttpServer::new(|| App::new().configure(<api::RootApi as Routes>::configure))
        .bind(("0.0.0.0", 8080))?
        .run()
        .await
}
