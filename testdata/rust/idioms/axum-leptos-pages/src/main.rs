use axum::routing::get;
use axum::Router;
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};

mod app;
use app::App;

async fn health() -> &'static str {
    "ok"
}

// The pages of the application's route tree are each served by a GET that renders them.
#[tokio::main]
async fn main() {
    let conf = get_configuration(None).unwrap();
    let options = conf.leptos_options;
    let routes = generate_route_list(App);
    let app = Router::new()
        .route("/healthz", get(health))
        .leptos_routes(&options, routes, App)
        .with_state(options);
    let listener = tokio::net::TcpListener::bind("0.0.0.0:3000").await.unwrap();
    axum::serve(listener, app).await.unwrap();
}
