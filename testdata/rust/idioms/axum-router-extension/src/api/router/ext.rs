use axum::{routing::get, Router};

use crate::client;

pub(super) trait RouteHandler {
    fn add_routes(&'static self, router: Router) -> Router;
}

pub(super) trait RouterExt {
    fn typed_route<H: RouteHandler>(self, handler: &'static H) -> Self;
    fn with_health(self) -> Self;
}

impl RouterExt for Router {
    fn typed_route<H: RouteHandler>(self, handler: &'static H) -> Self {
        handler.add_routes(self)
    }

    fn with_health(self) -> Self {
        self.route("/health", get(client::health))
    }
}
