use actix_web::{dev::Payload, error, web, App, FromRequest, HttpRequest, HttpResponse, HttpServer};
use futures::future::{ready, Ready};

/// A signed-in member, from the bearer token.
pub struct Member(pub String);

impl FromRequest for Member {
    type Error = actix_web::Error;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let token = req
            .headers()
            .get("authorization")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "));
        ready(match token {
            Some(t) => Ok(Member(t.to_string())),
            None => Err(error::ErrorUnauthorized("sign in first")),
        })
    }
}

pub struct Lang(pub String);

async fn dashboard((member, lang): (Member, web::Data<Lang>)) -> HttpResponse {
    HttpResponse::Ok().body(format!("{} {}", member.0, lang.0))
}

async fn about((lang,): (web::Data<Lang>,)) -> HttpResponse {
    HttpResponse::Ok().body(lang.0.clone())
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    HttpServer::new(|| {
        App::new()
            .app_data(web::Data::new(Lang("en".into())))
            .service(web::resource("/").route(web::get().to(HttpResponse::NotFound)))
            .route("/dashboard", web::get().to(dashboard))
            .route("/about", web::get().to(about))
    })
    .bind(("127.0.0.1", 8080))?
    .run()
    .await
}
