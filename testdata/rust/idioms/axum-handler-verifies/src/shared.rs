//! Links shared by e-mail: the token in the query string is a JWT the server signed.
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use jsonwebtoken::{decode, DecodingKey, Validation};

use crate::Secrets;

#[derive(serde::Deserialize)]
pub struct Link {
    pub token: String,
}

#[derive(serde::Deserialize)]
struct Shared {
    report: String,
}

/// Hands the whole query to a helper, which decodes the token with the server's key.
pub async fn shared_report(
    Path(id): Path<String>,
    Query(link): Query<Link>,
    State(s): State<Secrets>,
) -> Response {
    match open_shared(id, link, s).await {
        Ok(body) => body.into_response(),
        Err(code) => code.into_response(),
    }
}

async fn open_shared(id: String, link: Link, s: Secrets) -> Result<String, StatusCode> {
    let shared = decode::<Shared>(
        &link.token,
        &DecodingKey::from_secret(s.signing_key.as_bytes()),
        &Validation::default(),
    )
    .map_err(|_| StatusCode::UNAUTHORIZED)?
    .claims;
    if shared.report != id {
        return Err(StatusCode::NOT_FOUND);
    }
    Ok(shared.report)
}
