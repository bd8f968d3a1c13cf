#[macro_use]
extern crate rocket;

use rocket::{Build, Rocket, Route};

mod api;
mod site;

/// What the server is built from, handed to the builder in one value.
pub struct Settings {
    pub mounts: Vec<(&'static str, Vec<Route>)>,
    pub banner: &'static str,
}

#[cfg(not(feature = "site"))]
fn mounts() -> Vec<(&'static str, Vec<Route>)> {
    vec![("/api", api::routes())]
}

#[cfg(feature = "site")]
fn mounts() -> Vec<(&'static str, Vec<Route>)> {
    vec![("/api", api::routes()), ("/", site::routes())]
}

fn instance(settings: Settings) -> Rocket<Build> {
    let Settings { mounts, banner: _ } = settings;
    let mut server = rocket::build();
    for (at, routes) in mounts {
        server = server.mount(at, routes);
    }
    server
}

async fn run(banner: &'static str) {
    let mounts = mounts();
    let settings = Settings { mounts, banner };
    if let Err(e) = instance(settings).launch().await {
        eprintln!("{e}");
    }
}

#[rocket::main]
async fn main() {
    run("hello").await
}
