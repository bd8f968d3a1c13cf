#![cfg(test)]

// Test support: an app of its own that no server serves.
use actix_web::{web, App};

async fn echo() -> &'static str {
    "echo"
}

pub fn echo_app() -> App<
    impl actix_web::dev::ServiceFactory<
        actix_web::dev::ServiceRequest,
        Config = (),
        Response = actix_web::dev::ServiceResponse,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    App::new().route("/echo", web::get().to(echo))
}
