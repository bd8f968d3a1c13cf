use std::future::{ready, Ready};

use actix_web::{dev::Payload, get, post, web, App, FromRequest, HttpRequest, HttpResponse, HttpServer};

/// Who is calling. The extractor turns no one away: a request without a key or a session
/// is `Caller::None`, and each handler decides.
pub enum Caller {
    Key,
    Session,
    None { reason: String },
}

impl FromRequest for Caller {
    type Error = actix_web::Error;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        if req.headers().contains_key("x-api-key") {
            return ready(Ok(Caller::Key));
        }
        if req.cookie("session").is_some() {
            return ready(Ok(Caller::Session));
        }
        ready(Ok(Caller::None {
            reason: "no credentials".into(),
        }))
    }
}

/// Answers 401 for the caller without credentials, as the body's answer.
#[get("/api/links")]
async fn links(caller: Caller) -> HttpResponse {
    match caller {
        Caller::None { reason } => HttpResponse::Unauthorized().body(reason),
        _ => HttpResponse::Ok().body("[]"),
    }
}

/// Leaves early unless the caller brought an API key.
#[post("/api/links/import")]
async fn import(caller: Caller, body: String) -> HttpResponse {
    let _key = match caller {
        Caller::Key => "key",
        _ => return HttpResponse::Forbidden().finish(),
    };
    HttpResponse::Ok().body(body)
}

/// Serves everyone, saying who they are.
#[get("/api/whoami")]
async fn whoami(caller: Caller) -> HttpResponse {
    let who = match caller {
        Caller::Key => "api key",
        Caller::Session => "session",
        Caller::None { .. } => "nobody",
    };
    HttpResponse::Ok().body(who)
}

#[get("/api/version")]
async fn version() -> HttpResponse {
    HttpResponse::Ok().body("1")
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    HttpServer::new(|| {
        App::new()
            .service(links)
            .service(import)
            .service(whoami)
            .service(version)
            .default_service(web::to(HttpResponse::NotFound))
    })
    .bind(("127.0.0.1", 8080))?
    .run()
    .await
}
