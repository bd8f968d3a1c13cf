use actix_web::web::resource;
use actix_web::{web, App, HttpServer};

mod middleware;
mod telemetry;

use middleware::{Action, RouteExt};

async fn list_things() -> &'static str { "[]" }
async fn create_thing() -> &'static str { "{}" }
async fn login() -> &'static str { "welcome" }

fn things() -> actix_web::Scope {
    web::scope("/things").service(
        // `resource` imported from actix-web, while the project has a function of that name.
        resource("")
            .route(web::get().to(list_things).authorize(Action::ListThings))
            .route(web::post().to(create_thing).authorize(Action::CreateThing)),
    )
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    telemetry::resource("svc");
    HttpServer::new(|| {
        App::new()
            .service(things())
            .service(resource("/login").route(web::post().to(login)))
    })
    .bind(("127.0.0.1", 8080))?
    .run()
    .await
}
