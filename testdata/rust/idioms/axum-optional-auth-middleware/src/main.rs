use axum::{
    extract::Request,
    http::{header::AUTHORIZATION, HeaderMap, StatusCode},
    middleware::{self, Next},
    response::Response,
    routing::{get, post},
    Extension, Router,
};

#[derive(Clone)]
struct Caller(String);

async fn check_bearer(mut req: Request, next: Next) -> Result<Response, StatusCode> {
    let Some(value) = req.headers().get(AUTHORIZATION) else {
        return Ok(next.run(req).await);
    };
    let token = value
        .to_str()
        .ok()
        .and_then(|v| v.strip_prefix("Bearer "))
        .ok_or(StatusCode::UNAUTHORIZED)?
        .to_string();
    req.extensions_mut().insert(Caller(token));
    Ok(next.run(req).await)
}

async fn authenticate_and_authorize(headers: &HeaderMap) -> Result<(), StatusCode> {
    if headers.get(AUTHORIZATION).is_none() {
        return Err(StatusCode::UNAUTHORIZED);
    }
    Ok(())
}

async fn reset(headers: HeaderMap) -> Result<&'static str, StatusCode> {
    authenticate_and_authorize(&headers).await?;
    Ok("wiped")
}

async fn notes() -> &'static str {
    "[]"
}

async fn me(caller: Option<Extension<Caller>>) -> String {
    caller.map(|Extension(c)| c.0).unwrap_or_default()
}

#[tokio::main]
async fn main() {
    let app = Router::new()
        .route("/api/reset", post(reset))
        .route("/api/notes", get(notes))
        .route("/api/me", get(me))
        .layer(middleware::from_fn(check_bearer));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:3000").await.unwrap();
    axum::serve(listener, app).await.unwrap();
}
