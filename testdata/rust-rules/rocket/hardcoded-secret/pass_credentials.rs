#[macro_use]
extern crate rocket;

use rocket::form::Form;
use rocket::State;

const ADMIN_TOKEN_HEADER: &str = "x-admin-token";
const MIN_PASSWORD_LEN: usize = 12;

#[derive(FromForm)]
struct Login<'r> {
    username: &'r str,
    password: &'r str,
}

struct Secrets {
    admin_token: String,
}

#[post("/login", data = "<login>")]
fn login(login: Form<Login<'_>>, secrets: &State<Secrets>) -> &'static str {
    if login.password.len() < MIN_PASSWORD_LEN {
        return "password too short";
    }
    let _ = (login.username, &secrets.admin_token, ADMIN_TOKEN_HEADER);
    "ok"
}

#[launch]
fn rocket() -> _ {
    let admin_token = std::env::var("ADMIN_TOKEN").expect("ADMIN_TOKEN");
    let password_field = "password";
    let _ = password_field;
    let figment = rocket::Config::figment()
        .merge(("secret_key", std::env::var("ROCKET_SECRET_KEY").unwrap_or_default()))
        .merge(("secret_key_file", "/run/secrets/rocket"));
    rocket::custom(figment)
        .manage(Secrets { admin_token })
        .mount("/", routes![login])
}
