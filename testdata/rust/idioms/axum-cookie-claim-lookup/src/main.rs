use axum::{extract::Path, response::IntoResponse, routing::get, Router};
use axum_extra::{headers::Cookie, TypedHeader};

pub struct Store;

pub struct Claim {
    pub uid: u32,
}

impl Claim {
    /// The signed-in user of the session the cookie names, if any.
    pub fn get(_store: &Store, TypedHeader(cookie): &TypedHeader<Cookie>) -> Option<Self> {
        let session = cookie.get("sid")?;
        session.parse().ok().map(|uid| Claim { uid })
    }
}

pub enum AppError {
    NonLogin,
}

impl IntoResponse for AppError {
    fn into_response(self) -> axum::response::Response {
        axum::response::Redirect::to("/signin").into_response()
    }
}

async fn home(cookie: Option<TypedHeader<Cookie>>) -> String {
    let claim = cookie.and_then(|cookie| Claim::get(&Store, &cookie));
    match claim {
        Some(c) => format!("welcome back {}", c.uid),
        None => "welcome".to_string(),
    }
}

async fn follow(
    cookie: Option<TypedHeader<Cookie>>,
    Path(uid): Path<u32>,
) -> Result<String, AppError> {
    let cookie = cookie.ok_or(AppError::NonLogin)?;
    let claim = Claim::get(&Store, &cookie).ok_or(AppError::NonLogin)?;
    Ok(format!("{} follows {uid}", claim.uid))
}

async fn lang(cookie: Option<TypedHeader<Cookie>>) -> String {
    cookie
        .and_then(|c| c.get("lang").map(str::to_string))
        .unwrap_or_else(|| "en".to_string())
}

#[tokio::main]
async fn main() {
    let app = Router::new()
        .route("/", get(home))
        .route("/user/{uid}/follow", get(follow))
        .route("/lang", get(lang));
    let listener = tokio::net::TcpListener::bind("0.0.0.0:3000").await.unwrap();
    axum::serve(listener, app).await.unwrap();
}
