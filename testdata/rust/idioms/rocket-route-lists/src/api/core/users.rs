use rocket::Route;

use crate::api::web::Session;

pub fn routes() -> Vec<Route> {
    routes![profile, delete_account]
}

#[get("/accounts/profile")]
fn profile(_s: Session) -> &'static str {
    "me"
}

#[post("/accounts/delete")]
fn delete_account(_s: Session) -> &'static str {
    "gone"
}
