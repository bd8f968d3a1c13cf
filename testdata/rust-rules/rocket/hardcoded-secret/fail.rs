#[macro_use]
extern crate rocket;

use rocket::config::{Config, SecretKey};

#[post("/token")]
fn token() -> String {
    let key = jsonwebtoken::EncodingKey::from_secret(b"rocket-secret"); //~ hardcoded-secret
    String::new()
}

#[launch]
fn rocket() -> _ {
    let config = Config {
        secret_key: SecretKey::from(&[42; 64]), //~ hardcoded-secret
        ..Config::default()
    };
    rocket::custom(config).mount("/", routes![token])
}
