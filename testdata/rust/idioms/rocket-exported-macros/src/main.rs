#[macro_use]
extern crate rocket;

mod guards;
mod macros;
mod notes;
mod tags;

#[launch]
fn rocket() -> _ {
    let rocket = rocket::build().mount("/", routes![health]);
    let rocket = notes::mount(rocket);
    tags::mount(rocket)
}

#[get("/health")]
fn health() -> &'static str {
    "ok"
}
