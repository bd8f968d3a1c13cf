use poem::{
    endpoint::StaticFilesEndpoint, get, handler, listener::TcpListener, web::Path, Route, Server,
};
use poem_openapi::OpenApiService;

pub mod api;
mod guard;

#[handler]
fn healthz() -> &'static str {
    "ok"
}

#[handler]
fn greet(Path(name): Path<String>) -> String {
    format!("hello {name}")
}

#[handler]
fn stats() -> &'static str {
    "{}"
}

/// Behind the staff guard; nested without stripping, so its paths carry the prefix.
fn admin() -> Route {
    Route::new()
        .at("/admin/stats", get(stats))
        .with(guard::StaffGuard)
}

#[tokio::main]
async fn main() -> Result<(), std::io::Error> {
    let shelves = OpenApiService::new(
        (api::BookApi, api::ShelfApi { capacity: 10 }),
        "Shelves",
        "1.0",
    )
    .server("http://localhost:3000/api");
    let ui = shelves.swagger_ui();
    let ops = || OpenApiService::new(crate::api::ops(), "Ops", "1.0");
    let app = Route::new()
        .at("/healthz", get(healthz))
        .at("/greet/:name", greet)
        .nest("/api", shelves)
        .nest("/docs", ui)
        .nest("/static", StaticFilesEndpoint::new("./static"))
        .nest_no_strip("/admin", admin())
        .nest("/ops", ops());
    Server::new(TcpListener::bind("0.0.0.0:3000")).run(app).await
}
