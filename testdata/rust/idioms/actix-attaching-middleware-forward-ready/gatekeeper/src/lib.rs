use std::future::{ready, Ready};
use std::rc::Rc;

use actix_session::SessionExt;
use actix_web::dev::{forward_ready, Service, ServiceRequest, ServiceResponse, Transform};
use actix_web::{Error, HttpMessage};

/// What the session says about the caller; nobody signed in is a status too.
#[derive(Clone)]
pub enum SessionStatus {
    SignedIn(String),
    SignedOut,
}

#[derive(Clone)]
pub struct CallerStatus(pub SessionStatus);

pub struct Sessions;

impl Sessions {
    pub fn status_of(&self, session: &actix_session::Session) -> SessionStatus {
        match session.get::<String>("user") {
            Ok(Some(user)) => SessionStatus::SignedIn(user),
            _ => SessionStatus::SignedOut,
        }
    }
}

/// Attaches the session's status to the request and passes every request on: each handler
/// decides what a caller who is not signed in may do.
pub struct AuthMiddleware {
    sessions: Rc<Sessions>,
}

impl AuthMiddleware {
    pub fn new(sessions: Rc<Sessions>) -> Self {
        AuthMiddleware { sessions }
    }
}

impl<S, B> Transform<S, ServiceRequest> for AuthMiddleware
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = Error> + 'static,
{
    type Response = ServiceResponse<B>;
    type Error = Error;
    type InitError = ();
    type Transform = AuthService<S>;
    type Future = Ready<Result<Self::Transform, Self::InitError>>;

    fn new_transform(&self, service: S) -> Self::Future {
        ready(Ok(AuthService { backend: Rc::new(service), sessions: self.sessions.clone() }))
    }
}

pub struct AuthService<S> {
    backend: Rc<S>,
    sessions: Rc<Sessions>,
}

impl<S, B> Service<ServiceRequest> for AuthService<S>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = Error> + 'static,
{
    type Response = ServiceResponse<B>;
    type Error = Error;
    type Future = S::Future;

    forward_ready!(backend);

    fn call(&self, req: ServiceRequest) -> Self::Future {
        let backend = Rc::clone(&self.backend);
        let status = self.sessions.status_of(&req.get_session());
        req.extensions_mut().insert(CallerStatus(status));
        backend.call(req)
    }
}
