use rocket::Route;

#[get("/blog/<slug>")]
fn post(slug: &str) -> String {
    slug.to_string()
}

pub fn routes() -> Vec<Route> {
    routes![post]
}
