use rocket::Route;

mod blog;

// No route macro or router in this body: a list assembled from another module's.
pub fn routes() -> Vec<Route> {
    let mut all = Vec::new();
    all.extend(blog::routes());
    all
}
