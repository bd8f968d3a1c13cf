use super::prelude::*;

pub(crate) fn route_config() -> Route {
    Route::new()
        .at("/api/role/list", get(list))
        .at("/api/role/users", post(users))
}

#[handler]
async fn list() -> Json<Vec<&'static str>> {
    Json(vec!["admin", "developer"])
}

#[handler]
async fn users() -> Json<Vec<u64>> {
    Json(Vec::new())
}
