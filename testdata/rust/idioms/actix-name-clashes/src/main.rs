// Names that actix-web also uses, taken by other code: a function of the project called
// `resource` (telemetry attributes), opentelemetry's `Resource::new(attributes)` and
// `Key::from(..)`. None of them registers a route or holds a key for signing.
use actix_web::{web, App, HttpServer};
use opentelemetry::{Key, KeyValue};
use opentelemetry_sdk::Resource;

const CODE_LINENO: &str = "code.lineno";

pub fn resource(crate_name: &'static str, version: &'static str) -> Resource {
    Resource::new(vec![
        KeyValue::new("service.name", crate_name),
        KeyValue::new("service.version", version),
    ])
}

pub fn line_key() -> Key {
    Key::from(CODE_LINENO)
}

pub fn init_tracing(crate_name: &'static str, version: &'static str) -> Resource {
    let _fmt = tracing_subscriber::fmt::layer();
    resource(crate_name, version)
}

async fn ping() -> &'static str {
    "pong"
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    let _telemetry = init_tracing(env!("CARGO_PKG_NAME"), env!("CARGO_PKG_VERSION"));
    HttpServer::new(|| App::new().service(web::resource("/ping").route(web::get().to(ping))))
        .bind(("127.0.0.1", 8080))?
        .run()
        .await
}
