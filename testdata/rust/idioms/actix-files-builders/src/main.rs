use actix_files::Files;
use actix_web::{guard, web, App, HttpResponse, HttpServer};
use std::path::PathBuf;

struct Settings {
    root: PathBuf,
    listing: bool,
}

async fn upload() -> HttpResponse {
    HttpResponse::Ok().finish()
}

// The file servers are built by a closure and by a function of the project, step by step
// (a `let mut` rebound under a condition), and only then handed to `service`.
fn configure(app: &mut web::ServiceConfig, settings: &Settings) {
    let assets = || {
        let mut files = Files::new("/assets", &settings.root).guard(guard::Get());
        if settings.listing {
            files = files.show_files_listing();
        }
        files
    };
    app.service(web::resource("/upload").route(web::post().to(upload)));
    app.service(assets());
    app.service(site_files(settings));
}

fn site_files(settings: &Settings) -> Files {
    let site = Files::new("/site", settings.root.join("site"));
    site.index_file("index.html")
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    HttpServer::new(|| {
        let settings = Settings {
            root: PathBuf::from("."),
            listing: false,
        };
        App::new().configure(|cfg| configure(cfg, &settings))
    })
    .bind(("127.0.0.1", 8080))?
    .run()
    .await
}
