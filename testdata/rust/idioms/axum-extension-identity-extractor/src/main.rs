use axum::{
    extract::FromRequestParts,
    http::{request::Parts, StatusCode},
    routing::{get, post},
    Router,
};

/// Who called, left in the request's extensions by a verifying layer upstream.
#[derive(Clone)]
pub struct Grant {
    pub sub: u64,
}

/// Missing from the extensions: the caller was not verified, so it is turned away with 401.
impl<S: Send + Sync> FromRequestParts<S> for Grant {
    type Rejection = StatusCode;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<Grant>()
            .cloned()
            .ok_or(StatusCode::UNAUTHORIZED)
    }
}

/// A handle to a pool, also taken from the extensions: missing, it is the server's fault (500).
#[derive(Clone)]
pub struct Pool {
    pub size: usize,
}

impl<S: Send + Sync> FromRequestParts<S> for Pool {
    type Rejection = StatusCode;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<Pool>()
            .cloned()
            .ok_or(StatusCode::INTERNAL_SERVER_ERROR)
    }
}

async fn leave_group(Grant { sub }: Grant) -> String {
    sub.to_string()
}

async fn my_groups(grant: Grant, pool: Pool) -> String {
    format!("{} {}", grant.sub, pool.size)
}

async fn pool_size(pool: Pool) -> String {
    pool.size.to_string()
}

#[tokio::main]
async fn main() {
    let app = Router::new()
        .route("/groups", get(my_groups))
        .route("/groups/leave", post(leave_group))
        .route("/pool", get(pool_size));
    let listener = tokio::net::TcpListener::bind("0.0.0.0:3000").await.unwrap();
    axum::serve(listener, app).await.unwrap();
}
