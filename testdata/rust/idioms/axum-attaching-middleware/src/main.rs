use axum::body::Body;
use axum::extract::{FromRequestParts, Request};
use axum::http::{header::COOKIE, StatusCode};
use axum::middleware::{from_fn, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, patch, post};
use axum::Router;

mod tower_layer;
use tower_layer::{AuthenticationLayer, Principal, Users};

#[derive(Clone)]
pub struct LocalUser {
    pub name: String,
}

/// Looks the session cookie up and, when it is valid, attaches the user to the request.
/// It turns no one away: handlers decide.
async fn auth_middleware(mut request: Request<Body>, next: Next) -> Response {
    let cookie = request
        .headers()
        .get(COOKIE)
        .and_then(|h| h.to_str().ok())
        .unwrap_or_default()
        .to_string();
    if let Some(user) = lookup(&cookie) {
        request.extensions_mut().insert(user);
    }
    next.run(request).await
}

fn lookup(cookie: &str) -> Option<LocalUser> {
    cookie.strip_prefix("session=").map(|n| LocalUser { name: n.to_string() })
}

/// The signed-in user, or 403.
#[derive(FromRequestParts)]
#[from_request(rejection(NotLoggedIn))]
pub struct UserExt {
    #[from_request(via(axum::Extension))]
    user: LocalUser,
}

/// The signed-in user, if any.
#[derive(FromRequestParts)]
pub struct UserExtOpt {
    #[from_request(via(axum::Extension))]
    user: Option<LocalUser>,
}

pub struct NotLoggedIn;

impl From<axum::extract::rejection::ExtensionRejection> for NotLoggedIn {
    fn from(_: axum::extract::rejection::ExtensionRejection) -> Self {
        NotLoggedIn
    }
}

impl IntoResponse for NotLoggedIn {
    fn into_response(self) -> Response {
        (StatusCode::FORBIDDEN, "Login required").into_response()
    }
}

async fn site() -> &'static str { "site" }
async fn read_article(user: UserExtOpt) -> String {
    user.user.map(|u| u.name).unwrap_or_default()
}
async fn edit_article(user: UserExt) -> String {
    user.user.name
}
async fn update_instance() -> &'static str { "updated" }
async fn calendars(p: Principal) -> String {
    p.0
}
async fn ping() -> &'static str { "pong" }

#[tokio::main]
async fn main() {
    let users = Users(vec!["admin".into()]);
    let app = Router::new()
        .route("/site", get(site))
        .route("/article", get(read_article).post(edit_article))
        .route("/instance", patch(update_instance))
        .route("/login", post(site))
        .route_layer(from_fn(auth_middleware))
        .nest(
            "/dav",
            Router::new()
                .route("/calendars", get(calendars))
                .route("/ping", get(ping))
                .layer(AuthenticationLayer::new(users.clone())),
        );
    let listener = tokio::net::TcpListener::bind("0.0.0.0:3000").await.unwrap();
    axum::serve(listener, app).await.unwrap();
}
