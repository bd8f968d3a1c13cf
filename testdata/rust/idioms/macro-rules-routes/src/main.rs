use axum::{routing::get, Router};

mod auth;
mod settings;

use auth::User;

async fn health() -> &'static str {
    "ok"
}
async fn version() -> &'static str {
    "1"
}

// Expression position: a router built by a macro of the project, with a repetition.
macro_rules! public_routes {
    ($($path:literal => $handler:ident),* $(,)?) => {
        Router::new() $(.route($path, get($handler)))*
    };
}

// Statement position: registrations on a router variable.
macro_rules! crud {
    ($router:ident, $base:literal, $module:ident) => {
        let $router = $router
            .route($base, get($module::list).post($module::create))
            .route(concat!($base, "/{id}"), get($module::show).delete($module::remove));
    };
}

// A path made of the macro's identifier argument: `concat!("/", stringify!($name), "s")`.
macro_rules! listing {
    ($router:ident, $name:ident) => {
        let $router = $router.route(concat!("/", stringify!($name), "s"), get($name::list));
    };
}

mod tag {
    use super::User;
    pub async fn list(_u: User) {}
}

mod notes {
    use super::User;
    pub async fn list(_u: User) {}
    pub async fn create(_u: User) {}
    pub async fn show(_u: User) {}
    pub async fn remove(_u: User) {}
}

#[tokio::main]
async fn main() {
    let api = Router::new();
    crud!(api, "/notes", notes);
    listing!(api, tag);
    let app = public_routes!("/health" => health, "/version" => version)
        .nest("/api", api)
        .nest("/settings", settings::router());
    let listener = tokio::net::TcpListener::bind("0.0.0.0:3000").await.unwrap();
    axum::serve(listener, app).await.unwrap();
}
