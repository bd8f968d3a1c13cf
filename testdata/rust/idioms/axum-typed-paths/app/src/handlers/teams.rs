use axum::Router;
use axum_extra::routing::RouterExt;
use site_paths::routes::teams::{Index, Members, New};

use crate::auth::Session;

pub fn routes() -> Router {
    Router::new()
        .typed_get(index)
        // One handler for the form and its submission.
        .typed_get(new_team)
        .typed_post(new_team)
        .typed_get(members)
}

pub async fn index(Index {}: Index) -> String {
    String::new()
}

pub async fn new_team(New {}: New, session: Session) -> String {
    session.user
}

pub async fn members(Members { team }: Members, _s: Session) -> String {
    team.to_string()
}
