#[macro_use]
extern crate rocket;

use rocket::serde::json::Json;

#[post("/books", data = "<book>")]
fn add_book(book: Json<NewBook>) -> &'static str {
    "ok"
}

#[put("/books/<id>", data = "<book>")]
fn replace_book(id: u64, book: Json<NewBook>) -> &'static str {
    "ok"
}

#[get("/debug/config")]
fn dump_config() -> String {
    String::new()
}

#[launch]
fn rocket() -> _ {
    rocket::build().mount(
        "/",
        routes![
            add_book,     //~ unauthenticated-route
            replace_book, //~ unauthenticated-route
            dump_config,  //~ unauthenticated-route
        ],
    )
}
