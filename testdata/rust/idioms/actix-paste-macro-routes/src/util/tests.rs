use actix_web::{web, App, HttpResponse};

async fn dummy() -> HttpResponse {
    HttpResponse::Ok().finish()
}

/// The app the tests send their requests to: the service's routes and one of its own.
pub fn create_test_app() -> App<
    impl actix_web::dev::ServiceFactory<
        actix_web::dev::ServiceRequest,
        Config = (),
        Response = actix_web::dev::ServiceResponse,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    App::new()
        .configure(crate::init_map_routes)
        .route("/dummy", web::get().to(dummy))
}
