use actix_web::dev::Payload;
use actix_web::{error, web, App, FromRequest, HttpRequest, HttpResponse, HttpServer};
use std::future::{ready, Ready};

mod context;

use context::{Context, PgContext};

/// The signed-in caller: the session the bearer token names.
pub struct UserSession {
    pub user: String,
}

impl FromRequest for UserSession {
    type Error = error::Error;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _payload: &mut Payload) -> Self::Future {
        match req.headers().get("Authorization") {
            Some(token) => ready(Ok(UserSession {
                user: token.to_str().unwrap_or_default().to_string(),
            })),
            None => ready(Err(error::ErrorUnauthorized("no session"))),
        }
    }
}

/// A visitor who may or may not bring a session: never turned away.
pub struct MaybeVisitor;

impl FromRequest for MaybeVisitor {
    type Error = std::convert::Infallible;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(_req: &HttpRequest, _payload: &mut Payload) -> Self::Future {
        ready(Ok(MaybeVisitor))
    }
}

// The handlers are generic over the application context; the session type is the
// context's associated type, which the one context of the service sets to `UserSession`.
async fn list_projects<C: Context>(session: C::Session, ctx: web::Data<C>) -> HttpResponse {
    let _ = (session, ctx);
    HttpResponse::Ok().finish()
}

async fn delete_project<C: Context>(
    ctx: web::Data<C>,
    id: web::Path<u32>,
    session: <C as Context>::Session,
) -> HttpResponse {
    let _ = (session, ctx, id);
    HttpResponse::NoContent().finish()
}

// `Visitor` is set to a type that turns no one away: the route does not require auth.
async fn welcome<C: Context>(visitor: C::Visitor) -> HttpResponse {
    let _ = visitor;
    HttpResponse::Ok().finish()
}

async fn health() -> HttpResponse {
    HttpResponse::NoContent().finish()
}

fn init_routes<C: Context>(cfg: &mut web::ServiceConfig)
where
    C::Session: FromRequest,
{
    cfg.route("/projects", web::get().to(list_projects::<C>))
        .route("/projects/{id}", web::delete().to(delete_project::<C>))
        .route("/welcome", web::get().to(welcome::<C>));
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    HttpServer::new(|| {
        App::new()
            .app_data(web::Data::new(PgContext))
            .configure(init_routes::<PgContext>)
            .route("/health", web::get().to(health))
    })
    .bind(("127.0.0.1", 8080))?
    .run()
    .await
}
