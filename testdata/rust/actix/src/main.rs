use actix_files::Files;
use actix_web::{dev::Service as _, guard, middleware, web, App, HttpServer};
use actix_web_httpauth::middleware::HttpAuthentication;

mod api;
mod auth;
mod pages;

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    HttpServer::new(|| {
        let bearer = HttpAuthentication::bearer(auth::validator);
        App::new()
            .wrap(middleware::Logger::default())
            .service(pages::home)
            .service((pages::about, pages::contact))
            .route("/ping", web::get().to(pages::ping))
            .service(
                web::scope("/api")
                    .configure(api::config)
                    .service(
                        web::scope("/admin")
                            .wrap(bearer)
                            .service(api::admin::stats)
                            .route("/users/{id:\\d+}", web::delete().to(api::admin::delete_user)),
                    ),
            )
            .service(
                web::scope("/internal")
                    .wrap_fn(|req, srv| {
                        if req.headers().contains_key("x-api-key") {
                            srv.call(req)
                        } else {
                            reject(StatusCode::FORBIDDEN)
                        }
                    })
                    .route("/metrics", web::get().to(pages::metrics)),
            )
            .service(Files::new("/static", "./static"))
            .default_service(web::to(pages::not_found))
    })
    .bind(("127.0.0.1", 8080))?
    .run()
    .await
}
