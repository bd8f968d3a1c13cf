use std::future::{ready, Ready};
use std::rc::Rc;

use actix_web::body::BoxBody;
use actix_web::dev::{Service, ServiceRequest, ServiceResponse, Transform};
use actix_web::error::ErrorBadRequest;
use actix_web::Error;
use futures_util::future::LocalBoxFuture;

/// Turns away a request that is not signed by a known node key (`x-node` and `x-sig`
/// headers), with 400.
pub struct CheckSignature {
    pub keys: Rc<Vec<String>>,
}

pub struct CheckSignatureService<S> {
    service: Rc<S>,
    keys: Rc<Vec<String>>,
}

impl<S> Transform<S, ServiceRequest> for CheckSignature
where
    S: Service<ServiceRequest, Response = ServiceResponse<BoxBody>, Error = Error> + 'static,
{
    type Response = ServiceResponse<BoxBody>;
    type Error = Error;
    type InitError = ();
    type Transform = CheckSignatureService<S>;
    type Future = Ready<Result<Self::Transform, Self::InitError>>;

    fn new_transform(&self, service: S) -> Self::Future {
        ready(Ok(CheckSignatureService { service: Rc::new(service), keys: self.keys.clone() }))
    }
}

impl<S> Service<ServiceRequest> for CheckSignatureService<S>
where
    S: Service<ServiceRequest, Response = ServiceResponse<BoxBody>, Error = Error> + 'static,
{
    type Response = ServiceResponse<BoxBody>;
    type Error = Error;
    type Future = LocalBoxFuture<'static, Result<Self::Response, Self::Error>>;

    actix_web::dev::forward_ready!(service);

    fn call(&self, req: ServiceRequest) -> Self::Future {
        let node = req.headers().get("x-node").and_then(|v| v.to_str().ok()).map(str::to_owned);
        let sig = req.headers().get("x-sig").and_then(|v| v.to_str().ok()).map(str::to_owned);
        let keys = self.keys.clone();
        let service = self.service.clone();
        Box::pin(async move {
            match (node, sig) {
                (Some(n), Some(s)) if keys.contains(&n) && s.len() == 130 => service.call(req).await,
                _ => Err(ErrorBadRequest("missing or bad signature")),
            }
        })
    }
}
