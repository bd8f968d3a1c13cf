use axum::extract::{FromRequest, Request};

use super::auth;

pub(crate) struct Args<T> {
    pub(crate) body: T,
    pub(crate) user: Option<String>,
}

impl<T: Incoming, S: Send + Sync> FromRequest<S> for Args<T> {
    type Rejection = Error;

    async fn from_request(mut req: Request, _state: &S) -> Result<Self, Self::Rejection> {
        let user = auth::auth(&mut req, &T::METADATA).await?;
        let body = T::parse(req).await?;
        Ok(Args { body, user })
    }
}
