use actix_web::{web, App, HttpResponse, HttpServer};

mod util;

async fn landing() -> HttpResponse {
    HttpResponse::Ok().finish()
}

async fn conformance() -> HttpResponse {
    HttpResponse::Ok().finish()
}

async fn tile_sets() -> HttpResponse {
    HttpResponse::Ok().finish()
}

async fn purge() -> HttpResponse {
    HttpResponse::NoContent().finish()
}

// A macro defined inside the function that uses it writes each registration through
// `paste`, which makes the method's function name from the macro's argument.
fn init_map_routes(cfg: &mut web::ServiceConfig) {
    let mut scope = web::scope("/maps/{layer}");

    macro_rules! bind_routes {
        ($($method:ident $path:literal -> $handler:expr),* $(,)?) => {
            $(paste::item! {
                scope = scope.route($path, web::[<$method:lower>]().to($handler));
            })*
        };
    }

    bind_routes!(
        GET "" -> landing,
        GET "/conformance" -> conformance,
        GET "/tileSets" -> tile_sets,
        DELETE "/tileSets" -> purge,
    );

    cfg.service(scope);
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    HttpServer::new(|| App::new().configure(init_map_routes))
        .bind(("127.0.0.1", 8080))?
        .run()
        .await
}
