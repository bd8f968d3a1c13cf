use crate::prelude::*;

pub(crate) fn route_config() -> Route {
    Route::new().at("/api/task/run", post(run).get(status))
}

#[handler]
async fn run() -> &'static str {
    "started"
}

#[handler]
async fn status() -> &'static str {
    "idle"
}
