use actix_web::{
    body::BoxBody,
    dev::{Service, ServiceRequest, ServiceResponse},
    http, web, App, Error, HttpMessage, HttpRequest, HttpResponse, HttpServer,
};
use futures::future::{ok, Either, Future};

#[derive(Clone)]
pub struct Session {
    pub id: u64,
}

pub enum ApiError {
    Authentication,
    NotFound,
}

impl From<ApiError> for HttpResponse {
    fn from(e: ApiError) -> HttpResponse {
        match e {
            ApiError::Authentication => HttpResponse::Unauthorized().finish(),
            ApiError::NotFound => HttpResponse::NotFound().finish(),
        }
    }
}

// Checks a bearer token when one is sent; requests without one go on as anonymous.
pub fn authentication_middleware<S>(
    req: ServiceRequest,
    srv: &S,
) -> impl Future<Output = Result<ServiceResponse<BoxBody>, Error>>
where
    S: Service<ServiceRequest, Response = ServiceResponse<BoxBody>, Error = Error>,
{
    let token = match req.headers().get(http::header::AUTHORIZATION) {
        Some(h) => h.to_str().unwrap_or("").to_string(),
        None => return Either::Left(srv.call(req)),
    };
    if token.is_empty() {
        return Either::Right(ok(req.into_response(HttpResponse::Unauthorized().finish())));
    }
    req.extensions_mut().insert(Session { id: token.len() as u64 });
    Either::Left(srv.call(req))
}

pub fn authorize_session(req: &HttpRequest) -> Result<Session, ApiError> {
    match req.extensions().get::<Session>() {
        Some(session) => Ok(session.clone()),
        None => Err(ApiError::Authentication),
    }
}

async fn create_shelf(req: HttpRequest) -> HttpResponse {
    let session = match authorize_session(&req) {
        Ok(s) => s,
        Err(err) => return err.into(),
    };
    HttpResponse::Created().body(session.id.to_string())
}

async fn get_shelf(req: HttpRequest, name: web::Path<String>) -> HttpResponse {
    let viewer = match authorize_session(&req) {
        Ok(s) => Some(s.id),
        Err(_) => None,
    };
    HttpResponse::Ok().body(format!("{name} for {viewer:?}"))
}

fn start_upload(req: &HttpRequest, name: &str) -> Result<String, ApiError> {
    let session = authorize_session(req)?;
    Ok(format!("{name}-{}", session.id))
}

async fn add_book(req: HttpRequest, name: web::Path<String>) -> HttpResponse {
    match start_upload(&req, &name) {
        Ok(id) => HttpResponse::Created().body(id),
        Err(err) => err.into(),
    }
}

async fn update_profile(req: HttpRequest) -> HttpResponse {
    match authorize_session(&req) {
        Ok(s) => HttpResponse::Ok().body(s.id.to_string()),
        Err(err) => err.into(),
    }
}

async fn status() -> HttpResponse {
    HttpResponse::Ok().body("up")
}

async fn authenticate(code: web::Path<String>) -> HttpResponse {
    if code.is_empty() {
        return HttpResponse::Unauthorized().finish();
    }
    HttpResponse::Ok().body("session")
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    HttpServer::new(|| {
        App::new().wrap_fn(authentication_middleware).service(
            web::scope("/v1")
                .route("/shelves", web::post().to(create_shelf))
                .route("/shelves/{name}", web::get().to(get_shelf))
                .route("/shelves/{name}/books", web::post().to(add_book))
                .route("/profile", web::put().to(update_profile))
                .route("/status", web::get().to(status))
                .route("/authenticate/{code}", web::get().to(authenticate)),
        )
    })
    .bind(("127.0.0.1", 8080))?
    .run()
    .await
}
