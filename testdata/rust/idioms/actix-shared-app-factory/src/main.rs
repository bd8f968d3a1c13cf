use actix_web::{get, web, App, HttpResponse, HttpServer};

#[get("/health")]
async fn health() -> HttpResponse {
    HttpResponse::Ok().finish()
}

#[get("/catalog")]
async fn catalog() -> HttpResponse {
    HttpResponse::Ok().finish()
}

#[get("/tiles/{z}/{x}/{y}")]
async fn tile() -> HttpResponse {
    HttpResponse::Ok().finish()
}

pub struct Settings {
    pub route_prefix: Option<String>,
}

/// Everything under a configured prefix, or at the root.
pub fn router(cfg: &mut web::ServiceConfig, settings: &Settings) {
    if let Some(prefix) = &settings.route_prefix {
        cfg.service(web::scope(prefix).configure(register));
        cfg.service(health);
    } else {
        register(cfg);
    }
}

fn register(cfg: &mut web::ServiceConfig) {
    cfg.service(health).service(catalog).service(tile);
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    let settings = Settings {
        route_prefix: std::env::var("PREFIX").ok(),
    };
    let config = std::sync::Arc::new(settings);
    // One application factory, handed to the serverless runner on Lambda and to the
    // HTTP server elsewhere: one set of routes.
    let factory = move || App::new().configure(|c| router(c, &config));

    #[cfg(feature = "lambda")]
    if lambda_web::is_running_on_lambda() {
        let server = lambda_web::run_actix_on_lambda(factory);
        return server.await;
    }

    HttpServer::new(factory).bind(("0.0.0.0", 3000))?.run().await
}
