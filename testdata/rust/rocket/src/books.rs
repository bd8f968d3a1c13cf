use rocket::serde::json::Json;
use rocket::Route;

use crate::guards::{ApiKey, User};

#[get("/books")]
fn list() -> Json<Vec<String>> {
    Json(vec![])
}

#[get("/books/<id>")]
fn get(id: u64, user: Option<User>) -> Option<Json<String>> {
    None
}

#[post("/books", data = "<book>")]
fn create(key: ApiKey, book: Json<String>) -> &'static str {
    "created"
}

#[delete("/books/<id>")]
fn delete(id: u64, user: &User) {}

#[get("/books/<id>/pages/<path..>")]
fn page(id: u64, path: std::path::PathBuf) {}

pub fn routes() -> Vec<Route> {
    routes![list, get, create, delete, page]
}
