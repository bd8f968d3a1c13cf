use axum::extract::Request;
use axum_extra::{headers::{authorization::Bearer, Authorization}, TypedHeader};

/// The caller's user, from the bearer token the request carries.
pub(super) async fn auth(request: &mut Request, metadata: &Metadata) -> Result<Option<String>, Error> {
    let bearer: Option<TypedHeader<Authorization<Bearer>>> = extract(request).await?;
    match bearer {
        Some(TypedHeader(Authorization(b))) => lookup(b.token()).await.map(Some),
        None if metadata.public => Ok(None),
        None => Err(Error::new(ErrorKind::Unauthorized, "missing access token")),
    }
}
