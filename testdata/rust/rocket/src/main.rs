#[macro_use]
extern crate rocket;

mod books;
mod guards;
mod members;

use rocket::fairing::AdHoc;
use rocket::fs::FileServer;
use rocket::Route;

const BASE: &str = "/library";

#[get("/")]
fn index() -> &'static str {
    "library"
}

#[get("/search?<q>&<page>")]
fn search(q: &str, page: Option<u32>) -> String {
    q.to_string()
}

fn api_routes() -> Vec<Route> {
    let mut all = routes![search];
    all.extend(books::routes());
    all.append(&mut members::routes());
    all
}

#[launch]
fn rocket() -> _ {
    let api = [BASE, "/api"].concat();
    rocket::build()
        .mount("/", routes![index])
        .mount(api, api_routes())
        .mount(format!("{}/files", BASE), FileServer::from("static"))
        .attach(AdHoc::on_ignite("reports", |rocket| async {
            rocket.mount("/reports", routes![members::report])
        }))
}
