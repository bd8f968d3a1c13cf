use rocket::Route;

use crate::api::web::Session;

pub fn routes() -> Vec<Route> {
    let mut v = vec![];
    v.extend(routes![list_folders]);
    v.push(routes![put_folder].remove(0));
    v
}

#[get("/folders")]
fn list_folders(_s: Session) -> &'static str {
    "[]"
}

#[put("/folders/<id>")]
fn put_folder(id: &str, _s: Session) -> String {
    id.to_string()
}
