mod folders;
mod users;

use rocket::Route;

pub fn routes() -> Vec<Route> {
    let mut routes = Vec::new();
    routes.append(&mut users::routes());
    routes.append(&mut folders::routes());
    let mut own = routes![alive];
    routes.append(&mut own);
    routes
}

#[get("/alive")]
fn alive() -> &'static str {
    "ok"
}
