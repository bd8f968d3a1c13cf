use std::future::{ready, Ready};
use std::rc::Rc;

use actix_web::dev::{forward_ready, Service, ServiceRequest, ServiceResponse, Transform};
use actix_web::error::{ErrorForbidden, ErrorUnauthorized};
use actix_web::{Error, HttpMessage};
use futures_util::future::LocalBoxFuture;

#[derive(Clone)]
pub struct Member {
    pub name: String,
    pub teams: Vec<String>,
}

/// Who called, from the `Authorization` header, when they say.
fn caller(req: &ServiceRequest) -> Option<Member> {
    let value = req.headers().get("Authorization")?.to_str().ok()?;
    let name = value.strip_prefix("Bearer ")?;
    Some(Member { name: name.to_string(), teams: vec!["core".into()] })
}

pub struct TeamAuthFactory;

impl<S, B> Transform<S, ServiceRequest> for TeamAuthFactory
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = Error> + 'static,
    B: 'static,
{
    type Response = ServiceResponse<B>;
    type Error = Error;
    type InitError = ();
    type Transform = TeamAuth<S>;
    type Future = Ready<Result<Self::Transform, Self::InitError>>;

    fn new_transform(&self, service: S) -> Self::Future {
        ready(Ok(TeamAuth { service: Rc::new(service) }))
    }
}

pub struct TeamAuth<S> {
    service: Rc<S>,
}

/// Attaches who called; turns away only a caller whose credentials do not cover the team the
/// request names. A caller without credentials goes through as anonymous.
impl<S, B> Service<ServiceRequest> for TeamAuth<S>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = Error> + 'static,
    B: 'static,
{
    type Response = ServiceResponse<B>;
    type Error = Error;
    type Future = LocalBoxFuture<'static, Result<Self::Response, Self::Error>>;

    forward_ready!(service);

    fn call(&self, req: ServiceRequest) -> Self::Future {
        let srv = self.service.clone();
        Box::pin(async move {
            let member = caller(&req);
            let team = req
                .headers()
                .get("X-Team")
                .and_then(|v| v.to_str().ok())
                .map(str::to_string);
            if let Some(member) = member {
                if member.name.is_empty() {
                    return Err(ErrorUnauthorized("empty name"));
                }
                if let Some(team) = team {
                    if !member.teams.contains(&team) {
                        return Err(ErrorForbidden("not in this team"));
                    }
                }
                req.extensions_mut().insert(member);
            }
            srv.call(req).await
        })
    }
}
