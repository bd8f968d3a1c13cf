use actix_web::{web, App, HttpResponse, HttpServer};

async fn status() -> HttpResponse {
    HttpResponse::Ok().finish()
}

struct Bridge(mcp_bridge::HttpService);

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    let bridge: Option<Bridge> = None;
    HttpServer::new(move || {
        let mut app = App::new().route("/status", web::get().to(status));
        // A scope a library builds: its routes are not read, and are said to be missing.
        if let Some(b) = bridge.as_ref() {
            app = app.service(web::scope("/mcp").service(web::scope("/probes").service(b.0.scope())));
        }
        app
    })
    .bind(("0.0.0.0", 8080))?
    .run()
    .await
}
