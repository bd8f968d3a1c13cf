#[macro_use]
extern crate rocket;

use rocket::State;

struct Secrets {
    jwt: String,
}

#[post("/token")]
fn token(secrets: &State<Secrets>) -> String {
    let key = jsonwebtoken::EncodingKey::from_secret(secrets.jwt.as_bytes());
    String::new()
}

#[launch]
fn rocket() -> _ {
    let jwt = std::env::var("JWT_SECRET").expect("JWT_SECRET");
    rocket::build().manage(Secrets { jwt }).mount("/", routes![token])
}
