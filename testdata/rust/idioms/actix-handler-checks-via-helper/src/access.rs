use actix_web::HttpRequest;

/// Whether the request carries the admin key, in `X-API-KEY` or as a bearer token.
pub fn has_admin_key(req: &HttpRequest) -> bool {
    let Ok(admin) = std::env::var("ADMIN_API_KEY") else {
        return false;
    };
    if let Some(k) = req.headers().get("X-API-KEY") {
        return k.to_str().unwrap_or_default() == admin;
    }
    if let Some(h) = req.headers().get("Authorization") {
        return h.to_str().unwrap_or_default() == format!("Bearer {admin}");
    }
    false
}

pub struct User {
    pub orgs: Vec<String>,
}

/// The user an API key belongs to.
pub async fn user_for_api_key(api_key: &str) -> Result<User, String> {
    if api_key.is_empty() {
        return Err("no such key".to_owned());
    }
    Ok(User { orgs: vec![] })
}

/// The unlock token a visitor of a shared link brought, if any: handed on, not a check.
pub fn unlock_token_from_headers(headers: &actix_web::http::header::HeaderMap) -> Option<String> {
    headers
        .get("Cookie")
        .and_then(|h| h.to_str().ok())
        .map(str::to_owned)
}

pub fn member_of(user: &User, dataset: &str) -> bool {
    user.orgs.iter().any(|o| o == dataset)
}

pub enum Caller {
    Member(String),
    Anonymous,
}

/// Whether the caller may see a board: a member named by the session cookie, or an
/// anonymous visitor for public boards.
pub fn may_view(req: &HttpRequest, public: bool) -> bool {
    let caller = match req.cookie("session") {
        Some(c) => Caller::Member(c.value().to_owned()),
        None => Caller::Anonymous,
    };
    matches!(caller, Caller::Member(_)) || public
}

/// A token for the operator who signs in with the admin key.
pub fn create_admin_token(req: &HttpRequest) -> Result<String, String> {
    match req.headers().get("Authorization") {
        Some(h) => Ok(format!("tok-{}", h.len())),
        None => Err("no key".to_owned()),
    }
}

/// The caller named by the session cookie, or an anonymous visitor.
pub fn visitor(req: &HttpRequest) -> String {
    let caller = match req.cookie("session") {
        Some(c) => Caller::Member(c.value().to_owned()),
        None => Caller::Anonymous,
    };
    match caller {
        Caller::Member(m) => m,
        Caller::Anonymous => String::new(),
    }
}
