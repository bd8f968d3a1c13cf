use actix_web::{web, App, HttpResponse, HttpServer};

const VERSION: &str = "2.0";
const ID_PATTERN: &str = r"[0-9]{1,8}";

/// The path of a versioned, per-account endpoint, with a pattern for `{item}`.
fn account_path(path: &str) -> String {
    let path = path.replace("{item}", &format!("{{item:{}}}", ID_PATTERN));
    format!("/{}/{{account}}{}", VERSION, path)
}

async fn list() -> HttpResponse { HttpResponse::Ok().finish() }
async fn show() -> HttpResponse { HttpResponse::Ok().finish() }
async fn ping() -> HttpResponse { HttpResponse::Ok().finish() }

// The whole App is written by the project's macro; the function that invokes it names no
// router type or registration.
macro_rules! build_app {
    ($state: expr) => {
        App::new()
            .app_data(web::Data::new($state))
            .service(web::resource(&account_path("/items")).route(web::get().to(list)))
            .service(web::resource(&account_path("/items/{item}")).route(web::get().to(show)))
            .service(web::resource("/ping").route(web::get().to(ping)))
    };
}

pub struct Server;

impl Server {
    pub async fn start(port: u16) -> std::io::Result<()> {
        let server = HttpServer::new(move || {
            let state = 1u32;
            build_app!(state)
        });
        server.bind(("0.0.0.0", port))?.run().await
    }
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    Server::start(8080).await
}
