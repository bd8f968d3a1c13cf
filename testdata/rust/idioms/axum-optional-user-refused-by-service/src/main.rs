use axum::{extract::State, response::IntoResponse, routing::{delete, get, post}, Json, Router};
use std::sync::Arc;

mod services;
use services::{Error, ProfileService, ShelfService};

/// An extractor that reads the bearer token when one comes and lets every caller in.
pub struct OptionalUser(pub Option<u64>);

#[axum::async_trait]
impl<S: Send + Sync> axum::extract::FromRequestParts<S> for OptionalUser {
    type Rejection = std::convert::Infallible;
    async fn from_request_parts(parts: &mut axum::http::request::Parts, _: &S) -> Result<Self, Self::Rejection> {
        let token = parts.headers.get("authorization").and_then(|v| v.to_str().ok());
        Ok(OptionalUser(token.map(|t| t.len() as u64)))
    }
}

pub struct App {
    profile_service: ProfileService,
    shelf_service: ShelfService,
}

// Handed on to a service that refuses the request without a user: required.
async fn rename(State(app): State<Arc<App>>, OptionalUser(maybe_user): OptionalUser, Json(name): Json<String>) -> impl IntoResponse {
    match app.profile_service.rename(maybe_user, &name).await {
        Ok(()) => "renamed".into_response(),
        Err(e) => e.into_response(),
    }
}

// The same name on another service that serves guests: the receiver tells them apart.
async fn list(State(app): State<Arc<App>>, OptionalUser(maybe_user): OptionalUser) -> impl IntoResponse {
    match app.shelf_service.rename(maybe_user, "x").await {
        Ok(()) => "listed".into_response(),
        Err(e) => e.into_response(),
    }
}

// Its failure let pass: guests get the public shelf.
async fn shelf(State(app): State<Arc<App>>, OptionalUser(maybe_user): OptionalUser) -> impl IntoResponse {
    let mine = app.profile_service.private_shelf(maybe_user).await.ok();
    format!("{}", mine.is_some())
}

// `?` hands the refusal on.
async fn forget(State(app): State<Arc<App>>, OptionalUser(maybe_user): OptionalUser) -> Result<&'static str, Error> {
    app.profile_service.forget(maybe_user).await?;
    Ok("gone")
}

fn app(state: Arc<App>) -> Router {
    Router::new()
        .route("/profile/name", post(rename))
        .route("/shelf", get(list))
        .route("/shelf/private", get(shelf))
        .route("/profile", delete(forget))
        .with_state(state)
}
