use axum::{
    response::{IntoResponse, Redirect, Response},
    routing::get,
    Form, Router,
};
use axum_extra::extract::cookie::CookieJar;

struct Visit {
    who: String,
}

fn current_visit(jar: &CookieJar) -> Option<Visit> {
    jar.get("visit").map(|c| Visit { who: c.value().to_owned() })
}

/// The dashboard: a visitor who has not signed in is sent to the sign-in page first.
async fn dashboard(jar: CookieJar) -> Response {
    let maybe_session = current_visit(&jar);
    let Some(session) = maybe_session else {
        return (jar, Redirect::to("/login?next=/dashboard")).into_response();
    };
    format!("hello {}", session.who).into_response()
}

/// Approving a request needs a session too; its answer is built after the check.
async fn approve(jar: CookieJar, Form(note): Form<String>) -> Response {
    let Some(user) = current_visit(&jar) else {
        let to = "/login";
        return Redirect::to(to).into_response();
    };
    format!("{} approved {note}", user.who).into_response()
}

/// A page for everyone: a visitor without a session is shown a greeting, not sent away.
async fn welcome(jar: CookieJar) -> Response {
    let Some(session) = current_visit(&jar) else {
        return "welcome, stranger".into_response();
    };
    format!("welcome back {}", session.who).into_response()
}

/// The sign-in page itself sends a visitor who already has a session onwards.
async fn login(jar: CookieJar) -> Response {
    let Some(session) = current_visit(&jar) else {
        return "sign in form".into_response();
    };
    Redirect::to(&format!("/dashboard?as={}", session.who)).into_response()
}

#[tokio::main]
async fn main() {
    let app = Router::new()
        .route("/approve", get(approve).post(approve))
        .route("/dashboard", get(dashboard))
        .route("/login", get(login))
        .route("/welcome", get(welcome));
    let listener = tokio::net::TcpListener::bind("0.0.0.0:3000").await.unwrap();
    axum::serve(listener, app).await.unwrap();
}
