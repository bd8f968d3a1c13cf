mod args;
mod auth;
mod ext;

use axum::{routing::get, Router};

use self::ext::RouterExt;
// The request extractor under the name the handlers use.
pub(crate) use self::args::Args as Typed;
use crate::client;

pub fn build(router: Router) -> Router {
    router
        // Paths and methods come from each request type's metadata, defined in a
        // dependency: the registrations are listed as not resolved.
        .typed_route(&client::list_rooms)
        .typed_route(&client::create_room)
        .route("/rooms/:room_id/state", get(client::room_state))
        .route("/version", get(client::server_version))
        // An extension method whose body the evaluator follows.
        .with_health()
}
