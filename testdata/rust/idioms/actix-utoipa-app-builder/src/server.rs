use std::sync::Arc;

use actix_web::{dev::ServiceRequest, web, App, HttpResponse, HttpServer};
use actix_web_httpauth::extractors::bearer::BearerAuth;
use utoipa_actix_web::AppExt;

use crate::docs::ServeDocs;

type Configure = dyn Fn(&mut utoipa_actix_web::service_config::ServiceConfig) + Send + Sync;
type PostConfigure = dyn Fn(&mut web::ServiceConfig) + Send + Sync;

#[derive(Default)]
pub struct ServerBuilder {
    workers: usize,
    configurator: Option<Arc<Configure>>,
    post_configurator: Option<Arc<PostConfigure>>,
}

impl ServerBuilder {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn workers(mut self, workers: usize) -> Self {
        self.workers = workers;
        self
    }

    pub fn configure<F>(mut self, configurator: F) -> Self
    where
        F: Fn(&mut utoipa_actix_web::service_config::ServiceConfig) + Send + Sync + 'static,
    {
        self.configurator = Some(Arc::new(configurator));
        self
    }

    pub fn post_configure<F>(mut self, post_configurator: F) -> Self
    where
        F: Fn(&mut web::ServiceConfig) + Send + Sync + 'static,
    {
        self.post_configurator = Some(Arc::new(post_configurator));
        self
    }

    pub async fn run(self) -> std::io::Result<()> {
        let workers = self.workers;
        HttpServer::new(move || {
            let app = App::new().into_utoipa_app().configure(|svc| {
                if let Some(configure) = &self.configurator {
                    configure(svc);
                }
            });
            app.serve_docs().configure(|svc| {
                if let Some(post_configure) = &self.post_configurator {
                    post_configure(svc);
                }
            })
        })
        .workers(workers)
        .bind(("0.0.0.0", 8080))?
        .run()
        .await
    }
}

pub async fn validator(
    req: ServiceRequest,
    credentials: BearerAuth,
) -> Result<ServiceRequest, (actix_web::Error, ServiceRequest)> {
    if credentials.token().is_empty() {
        return Err((actix_web::error::ErrorUnauthorized("no token"), req));
    }
    Ok(req)
}

pub async fn home() -> HttpResponse {
    HttpResponse::Ok().body("ledger")
}
