#[macro_use]
extern crate rocket;

mod api;
mod config;

#[launch]
fn launch() -> _ {
    let base = config::base_path();
    rocket::build()
        .mount([base.as_str(), "/api"].concat(), api::core_routes())
        .mount("/admin", api::admin_routes())
        .mount("/hub", api::hub_routes())
        .mount("/", api::web_routes())
        .mount("/pages", pages::routes())
}

mod pages;
