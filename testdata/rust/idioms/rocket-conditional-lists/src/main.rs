#[macro_use]
extern crate rocket;

pub enum Edition {
    Community,
    Enterprise,
}

pub enum Storage {
    Disk,
    Memory,
}

/// Chosen when building, not when running.
const EDITION: Edition = Edition::Community;

pub struct Settings {
    pub exports: bool,
    pub storage: Storage,
}

#[get("/items")]
fn items() -> &'static str {
    "items"
}

#[get("/exports")]
fn exports() -> &'static str {
    "exports"
}

#[get("/search")]
fn search() -> &'static str {
    "basic search"
}

#[get("/audit")]
fn audit() -> &'static str {
    "audit log"
}

#[get("/archive")]
fn archive() -> &'static str {
    "archive"
}

#[get("/queue")]
fn queue() -> &'static str {
    "queue"
}

fn api_routes(settings: &Settings) -> Vec<rocket::Route> {
    let mut list = routes![items];
    if settings.exports {
        list.append(&mut routes![exports]);
    }
    match EDITION {
        Edition::Community => list.extend(routes![search]),
        Edition::Enterprise => list.extend(routes![search, audit]),
    }
    match settings.storage {
        Storage::Disk => list.extend(routes![archive]),
        Storage::Memory => list.extend(routes![queue]),
    }
    list
}

#[launch]
fn rocket() -> _ {
    let settings = Settings {
        exports: std::env::var("EXPORTS").is_ok(),
        storage: Storage::Disk,
    };
    rocket::build().mount("/", api_routes(&settings))
}
