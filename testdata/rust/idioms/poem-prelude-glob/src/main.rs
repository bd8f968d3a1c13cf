pub(crate) mod actions;
pub(crate) mod prelude;

pub(crate) use prelude::*;

#[tokio::main]
async fn main() -> Result<(), std::io::Error> {
    let app = Route::new().nest_no_strip(
        "/api",
        Route::new()
            .nest_no_strip("/api/role", actions::role::route_config())
            .nest_no_strip("/api/task", actions::task::route_config()),
    );
    Server::new(TcpListener::bind("0.0.0.0:8090")).run(app).await
}
