use actix_web::http::StatusCode;
use actix_web::{get, web, App, HttpResponse, HttpServer, ResponseError};
use actix_web_httpauth::extractors::bearer::BearerAuth;

mod auth;
use auth::get_current_user;

#[derive(Debug)]
pub enum ApiError {
    AuthError(&'static str),
    NotFound,
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{self:?}")
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            ApiError::AuthError(_) => StatusCode::UNAUTHORIZED,
            ApiError::NotFound => StatusCode::NOT_FOUND,
        }
    }
}

pub struct Config {
    pub public_timeline: bool,
}

/// The token is checked when one is sent; a guest is served (a shorter page when the
/// setting says so).
#[get("/api/timelines/public")]
async fn public_timeline(
    auth: Option<BearerAuth>,
    config: web::Data<Config>,
) -> Result<HttpResponse, ApiError> {
    let mut limit = 40;
    let viewer = match auth {
        Some(auth) => Some(get_current_user(&auth::Db, auth.token()).await?),
        None => {
            if !config.public_timeline {
                limit = 10;
            }
            None
        }
    };
    Ok(HttpResponse::Ok().body(format!("{limit} {:?}", viewer.map(|u| u.id))))
}

/// The token is checked when one is sent; a guest is served.
#[get("/api/statuses/{id}")]
async fn status(auth: Option<BearerAuth>, id: web::Path<u64>) -> Result<HttpResponse, ApiError> {
    let mut viewer = None;
    if let Some(auth) = auth {
        viewer = Some(get_current_user(&auth::Db, auth.token()).await?);
    }
    if id.into_inner() == 0 {
        return Err(ApiError::NotFound);
    }
    Ok(HttpResponse::Ok().body(format!("{:?}", viewer.map(|u| u.id))))
}

/// No token: turned away.
#[get("/api/bookmarks")]
async fn bookmarks(auth: Option<BearerAuth>) -> Result<HttpResponse, ApiError> {
    let user = match auth {
        Some(auth) => get_current_user(&auth::Db, auth.token()).await?,
        None => return Err(ApiError::AuthError("authentication required")),
    };
    Ok(HttpResponse::Ok().body(user.id.to_string()))
}

#[get("/api/notifications")]
async fn notifications(auth: BearerAuth) -> Result<HttpResponse, ApiError> {
    let user = get_current_user(&auth::Db, auth.token()).await?;
    Ok(HttpResponse::Ok().body(user.id.to_string()))
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    HttpServer::new(|| {
        App::new()
            .app_data(web::Data::new(Config { public_timeline: true }))
            .service(public_timeline)
            .service(status)
            .service(bookmarks)
            .service(notifications)
    })
    .bind(("0.0.0.0", 8380))?
    .run()
    .await
}
