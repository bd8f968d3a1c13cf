//! The API: its routes are written in closures handed to a builder of another library
//! (`service_kit::HttpBuilder`), which makes the `App` and calls them.
use actix_web::{web, web::ServiceConfig, HttpResponse};
use service_kit::HttpBuilder;

async fn list_orders() -> HttpResponse {
    HttpResponse::Ok().finish()
}
async fn get_order() -> HttpResponse {
    HttpResponse::Ok().finish()
}
async fn status() -> HttpResponse {
    HttpResponse::Ok().finish()
}

/// The configuration closure, returned in a tuple with the health checks to run.
pub async fn configurator(
    base: String,
) -> anyhow::Result<(impl Fn(&mut ServiceConfig) + Clone, Vec<String>)> {
    let checks = vec![base];
    Ok((
        move |cfg: &mut ServiceConfig| {
            cfg.service(
                web::scope("/orders")
                    .route("", web::get().to(list_orders))
                    .route("/{id}", web::get().to(get_order)),
            );
        },
        checks,
    ))
}

pub async fn run(base: String) -> anyhow::Result<()> {
    let (cfg, _checks) = configurator(base).await?;
    HttpBuilder::new(cfg).start()?;
    Ok(())
}

/// A second service: its closure written in the call. The authenticator is state handed to
/// the handlers (`app_data`), not a middleware: `status` never uses it.
pub async fn run_status() -> anyhow::Result<()> {
    let device_authenticator = service_kit::DeviceAuthenticator::default();
    HttpBuilder::new(move |cfg| {
        cfg.app_data(web::Data::new(device_authenticator.clone()))
            .route("/status", web::get().to(status));
    })
    .start()?;
    Ok(())
}
