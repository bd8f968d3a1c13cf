use actix_web::{web, App, HttpResponse};
use utoipa_actix_web::UtoipaApp;
use utoipa_rapidoc::RapiDoc;

pub trait ServeDocs<T> {
    fn serve_docs(self) -> App<T>;
}

impl<T> ServeDocs<T> for UtoipaApp<T>
where
    T: actix_web::dev::ServiceFactory<
        actix_web::dev::ServiceRequest,
        Config = (),
        Error = actix_web::Error,
        InitError = (),
    >,
{
    fn serve_docs(self) -> App<T> {
        let (app, openapi) = self.split_for_parts();
        app.service(RapiDoc::with_openapi("/openapi.json", openapi).path("/openapi/"))
            .service(web::redirect("/openapi", "/openapi/"))
            .route("/openapi/help.html", web::get().to(|| async { HttpResponse::Ok().body("help") }))
    }
}
