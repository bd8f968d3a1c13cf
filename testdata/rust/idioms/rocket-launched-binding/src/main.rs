#[macro_use]
extern crate rocket;

#[get("/")]
fn index() -> &'static str {
    "hi"
}

#[rocket::main]
async fn main() {
    // Launched, its result bound to `_`: served (unlike an axum router bound to `_`).
    let _ = rocket::build().mount("/", routes![index]).launch().await;
}
