// A server builder: each `with_*` method nests one protocol's router into the builder's
// router field (`Self { router: self.router.nest(..), ..self }`), naming no router type;
// `finish` layers middleware on the router it is given, then nests debug routes after it.
use axum::{middleware, routing, Router};

mod handlers;

pub struct ServerBuilder {
    router: Router,
    name: String,
}

impl ServerBuilder {
    pub fn new(name: String) -> Self {
        Self { router: Router::new(), name }
    }

    pub fn with_sql(self) -> Self {
        Self {
            router: self.router.nest("/v1", handlers::sql_routes()),
            ..self
        }
    }

    pub fn with_metrics(self) -> Self {
        Self {
            router: self.router.merge(handlers::metrics_routes()),
            ..self
        }
    }

    pub fn with_prometheus(mut self) -> Self {
        self.router = self.router.nest("/v1/prometheus", handlers::prom_routes());
        self
    }
}

pub fn finish(router: Router) -> Router {
    let router = router.layer(middleware::from_fn(handlers::trace));
    router.nest(
        "/debug",
        Router::new().route("/log_level", routing::post(handlers::log_level)),
    )
}
