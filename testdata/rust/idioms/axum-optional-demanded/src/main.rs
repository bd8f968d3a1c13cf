use axum::extract::FromRequestParts;
use axum::http::{request::Parts, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;

/// The signed-in user, from the session cookie.
pub struct Auth(pub u64);

impl<S: Send + Sync> FromRequestParts<S> for Auth {
    type Rejection = StatusCode;
    async fn from_request_parts(p: &mut Parts, _s: &S) -> Result<Self, Self::Rejection> {
        let cookie = p.headers.get("cookie").ok_or(StatusCode::UNAUTHORIZED)?;
        session_user(cookie).ok_or(StatusCode::UNAUTHORIZED).map(Auth)
    }
}

/// A page that greets a signed-in user and shows the public list to others.
async fn home(user: Option<Auth>) -> String {
    match user {
        Some(Auth(id)) => format!("hello {id}"),
        None => "public list".to_string(),
    }
}

/// Sends anyone not signed in to the login page before doing anything.
async fn settings(maybe_user: Option<Auth>) -> Response {
    let Some(Auth(id)) = maybe_user else {
        return Redirect::to("/login").into_response();
    };
    format!("settings of {id}").into_response()
}

async fn inbox(session: Option<Auth>) -> Response {
    let user = match session {
        Some(user) => user,
        None => return Redirect::to("/login").into_response(),
    };
    format!("inbox of {}", user.0).into_response()
}

async fn balance(user: Option<Auth>) -> Result<String, StatusCode> {
    let Auth(id) = user.ok_or(StatusCode::UNAUTHORIZED)?;
    Ok(format!("balance of {id}"))
}

async fn export(user: Option<Auth>) -> Response {
    if user.is_none() {
        return StatusCode::FORBIDDEN.into_response();
    }
    "csv".into_response()
}

/// A form whose handler takes the user out of the optional value: fails without one.
async fn draft(user: Option<Auth>) -> String {
    let id = user.as_ref().unwrap().0;
    format!("draft of {id}")
}

/// Says who is signed in: anyone without a session is answered `200 OK` too.
async fn session_info(user: Result<Auth, StatusCode>) -> Response {
    let Ok(Auth(id)) = user else {
        return (StatusCode::OK, "{\"authorized\": false}").into_response();
    };
    (StatusCode::OK, format!("{{\"authorized\": true, \"id\": {id}}}")).into_response()
}

#[tokio::main]
async fn main() {
    let app = Router::new()
        .route("/", get(home))
        .route("/settings", get(settings))
        .route("/balance", get(balance))
        .route("/inbox", get(inbox))
        .route("/export", get(export))
        .route("/draft", get(draft))
        .route("/session-info", get(session_info));
    let listener = tokio::net::TcpListener::bind("0.0.0.0:3000").await.unwrap();
    axum::serve(listener, app).await.unwrap();
}

fn session_user(_c: &axum::http::HeaderValue) -> Option<u64> {
    None
}
