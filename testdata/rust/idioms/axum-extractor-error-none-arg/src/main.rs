use axum::{
    extract::FromRequestParts,
    http::{request::Parts, StatusCode},
    response::{IntoResponse, Response},
    routing::{get, post},
    Router,
};

pub enum Denied {
    NoHeader,
    WrongKind(Option<String>),
}

impl IntoResponse for Denied {
    fn into_response(self) -> Response {
        StatusCode::UNAUTHORIZED.into_response()
    }
}

/// Rejects a caller without a bearer token; a token of the wrong kind is rejected too,
/// with an error variant whose detail is `None`: still a rejection.
pub struct Operator {
    pub token: String,
}

impl<S: Send + Sync> FromRequestParts<S> for Operator {
    type Rejection = Denied;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let header = parts
            .headers
            .get("authorization")
            .and_then(|v| v.to_str().ok())
            .ok_or(Denied::NoHeader)?;
        let Some(token) = header.strip_prefix("Bearer ") else {
            return Err(Denied::WrongKind(None));
        };
        Ok(Operator { token: token.to_owned() })
    }
}

/// Lets a caller without a header through: succeeds with no token.
pub struct MaybeOperator(pub Option<String>);

impl<S: Send + Sync> FromRequestParts<S> for MaybeOperator {
    type Rejection = Denied;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let Some(header) = parts.headers.get("authorization") else {
            return Ok(MaybeOperator(None));
        };
        let header = header.to_str().map_err(|_| Denied::WrongKind(None))?;
        Ok(MaybeOperator(Some(header.to_owned())))
    }
}

async fn reindex(op: Operator) -> String {
    op.token
}

async fn status(MaybeOperator(op): MaybeOperator) -> String {
    op.unwrap_or_default()
}

#[tokio::main]
async fn main() {
    let app = Router::new()
        .route("/ops/reindex", post(reindex))
        .route("/ops/status", get(status));
    let listener = tokio::net::TcpListener::bind("0.0.0.0:3000").await.unwrap();
    axum::serve(listener, app).await.unwrap();
}
