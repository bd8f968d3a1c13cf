use axum::extract::FromRequestParts;
use axum::http::{request::Parts, StatusCode};
use axum::routing::get;
use axum::Router;
use axum_extra::routing::RouterExt;

/// Rejects callers without an Authorization header (the strict flavour).
pub struct Auth<const STRICT: bool = true>(pub String);

pub type LaxAuth = Auth<false>;

impl<S: Send + Sync, const STRICT: bool> FromRequestParts<S> for Auth<STRICT> {
    type Rejection = StatusCode;
    async fn from_request_parts(p: &mut Parts, _: &S) -> Result<Self, StatusCode> {
        let h = p.headers.get("authorization").ok_or(StatusCode::UNAUTHORIZED)?;
        Ok(Auth(h.to_str().unwrap_or_default().to_string()))
    }
}

/// A router factory implemented for a type.
pub trait RouterFactory {
    fn configure_router() -> Router;
}

pub struct Community;

impl RouterFactory for Community {
    fn configure_router() -> Router {
        Router::new()
            .route("/status", get(status))
            .route_with_tsr("/releases", get(releases))
            .route("/me", get(me))
            .route("/account", get(account))
    }
}

async fn status() -> &'static str {
    "ok"
}

async fn releases() -> &'static str {
    "[]"
}

async fn me(Auth(u): LaxAuth) -> String {
    u
}

/// Optional auth, answered with 401 when absent: required.
async fn account(user: Option<Auth>) -> Result<String, StatusCode> {
    let Some(Auth(u)) = user else {
        return Err(StatusCode::UNAUTHORIZED);
    };
    Ok(u)
}

/// An extension trait whose method registers routes from a type's constants: not
/// evaluated, said to be unresolved.
pub trait Endpoint {
    const PATH: &'static str;
}

pub trait TypedRoutes {
    fn typed_route<E: Endpoint>(self) -> Self;
}

impl TypedRoutes for Router {
    fn typed_route<E: Endpoint>(self) -> Self {
        self.route(E::PATH, get(status))
    }
}

pub struct Login;

impl Endpoint for Login {
    const PATH: &'static str = "/login";
}

/// A router returned in a tuple: listed once, where it is merged.
fn extra_routes() -> (Vec<&'static str>, Router) {
    (vec!["/otel"], Router::new().route("/otel", get(status)))
}

#[tokio::main]
async fn main() {
    let (_names, extra) = extra_routes();
    let app = Router::new()
        .nest("/v1", Community::configure_router())
        .merge(extra)
        .typed_route::<Login>();
    let listener = tokio::net::TcpListener::bind("0.0.0.0:3000").await.unwrap();
    axum::serve(listener, app).await.unwrap();
}
