use rocket::Route;

pub fn routes() -> Vec<Route> {
    if std::env::var("ADMIN_TOKEN").is_err() {
        return routes![admin_disabled];
    }
    routes![admin_page, users]
}

#[get("/")]
fn admin_disabled() -> &'static str {
    "disabled"
}

#[get("/")]
fn admin_page() -> &'static str {
    "admin"
}

#[get("/users")]
fn users() -> &'static str {
    "[]"
}
