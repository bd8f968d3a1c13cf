use actix_web::{dev::Payload, error::ErrorUnauthorized, get, post, web, App, Error, FromRequest, HttpRequest, HttpResponse, HttpServer};
use actix_web_httpauth::middleware::HttpAuthentication;
use std::future::{ready, Ready};

/// The user of the session cookie.
pub struct LoggedUser {
    pub id: u64,
}

impl FromRequest for LoggedUser {
    type Error = Error;
    type Future = Ready<Result<Self, Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        match req.cookie("session") {
            Some(_) => ready(Ok(LoggedUser { id: 1 })),
            None => ready(Err(ErrorUnauthorized("no session"))),
        }
    }
}

#[post("/users/login")]
async fn login(body: web::Json<Credentials>) -> HttpResponse {
    HttpResponse::Ok().finish()
}

#[post("/articles")]
async fn create_article(user: LoggedUser, body: web::Json<NewArticle>) -> HttpResponse {
    HttpResponse::Created().finish()
}

#[get("/articles")]
async fn list_articles() -> HttpResponse {
    HttpResponse::Ok().finish()
}

async fn flush_cache() -> HttpResponse {
    HttpResponse::Ok().finish()
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    HttpServer::new(|| {
        let bearer = HttpAuthentication::bearer(validator);
        App::new()
            .service(login)
            .service(create_article)
            .service(list_articles)
            .service(
                web::scope("/internal")
                    .wrap(bearer)
                    .route("/flush", web::post().to(flush_cache)),
            )
    })
    .bind(("127.0.0.1", 8080))?
    .run()
    .await
}
