use axum::http::{HeaderMap, StatusCode};

pub struct AuthCheck;

impl AuthCheck {
    pub fn only_admin() -> Self {
        AuthCheck
    }
    pub fn check(&self, headers: &HeaderMap) -> Result<(), StatusCode> {
        match headers.get("authorization") {
            Some(_) => Ok(()),
            None => Err(StatusCode::UNAUTHORIZED),
        }
    }
}

fn require_api_key(headers: &HeaderMap) -> Result<(), StatusCode> {
    if headers.get("x-api-key").is_none() {
        return Err(StatusCode::FORBIDDEN);
    }
    Ok(())
}

/// A check in the body through a checker type.
pub async fn stats(headers: HeaderMap) -> Result<String, StatusCode> {
    AuthCheck::only_admin().check(&headers)?;
    Ok("{}".into())
}

/// A check in the body through a helper named for it.
pub async fn create_token(headers: HeaderMap) -> Result<String, StatusCode> {
    require_api_key(&headers)?;
    Ok("token".into())
}

/// The Authorization header read and a 401 answered, in the handler itself.
pub async fn metrics(headers: HeaderMap) -> Result<String, StatusCode> {
    if headers.get("authorization").and_then(|v| v.to_str().ok()) != Some("Bearer s3cret") {
        return Err(StatusCode::UNAUTHORIZED);
    }
    Ok("# metrics".into())
}

/// A sign-in handler reads credentials to grant them: public.
pub async fn login(headers: HeaderMap) -> Result<String, StatusCode> {
    match headers.get("authorization") {
        Some(_) => Ok("session".into()),
        None => Err(StatusCode::UNAUTHORIZED),
    }
}

pub async fn list() -> &'static str {
    "[]"
}

/// A handler that hands its work to a helper, which checks the caller itself.
pub async fn add_member(headers: HeaderMap) -> Result<String, StatusCode> {
    change_members(&headers, true).await
}

async fn change_members(headers: &HeaderMap, add: bool) -> Result<String, StatusCode> {
    AuthCheck::only_admin().check(headers)?;
    Ok(if add { "added" } else { "removed" }.into())
}

/// A handler whose helper reads the database, not the caller: no auth.
pub async fn members() -> Result<String, StatusCode> {
    load_members().await
}

async fn load_members() -> Result<String, StatusCode> {
    Ok(String::from("[]"))
}

/// A handler whose body calls `authenticate(..)`: the verb is the check.
pub async fn publish(headers: HeaderMap) -> Result<String, StatusCode> {
    let _who = authenticate(&headers).await?;
    Ok("published".into())
}

async fn authenticate(headers: &HeaderMap) -> Result<String, StatusCode> {
    let t = headers.get("x-service-token").ok_or(StatusCode::BAD_REQUEST)?;
    Ok(format!("{t:?}"))
}

/// Building an OAuth link is no check of the caller.
pub async fn github_link() -> String {
    authorize_url("github")
}

fn authorize_url(provider: &str) -> String {
    format!("https://{provider}.example.com/oauth/authorize")
}

/// Settings of the OAuth providers, for admins: named for OAuth, but no step of a sign-in.
pub async fn update_oauth_settings(headers: HeaderMap) -> Result<String, StatusCode> {
    AuthCheck::only_admin().check(&headers)?;
    Ok("saved".into())
}

/// The OAuth flow's start: public, whatever it reads.
pub async fn oauth_redirect(headers: HeaderMap) -> Result<String, StatusCode> {
    match headers.get("authorization") {
        Some(_) => Ok("already signed in".into()),
        None => Err(StatusCode::UNAUTHORIZED),
    }
}

fn verify_owner_token(headers: &HeaderMap) -> bool {
    headers.get("x-owner-token").is_some_and(|t| t.len() == 32)
}

/// The owner's token only decides whether a view is counted: anyone may read.
pub async fn view_paste(headers: HeaderMap) -> String {
    let mut counted = true;
    if verify_owner_token(&headers) {
        counted = false;
    }
    format!("paste (counted: {counted})")
}

/// The same check, acted on: the owner alone may delete.
pub async fn delete_paste(headers: HeaderMap) -> Result<String, StatusCode> {
    if !verify_owner_token(&headers) {
        return Err(StatusCode::FORBIDDEN);
    }
    Ok("deleted".into())
}

pub const CLUSTER_TOKEN_HEADER: &str = "X-Cluster-Token";

pub enum ApiError {
    Unauthenticated,
}

impl axum::response::IntoResponse for ApiError {
    fn into_response(self) -> axum::response::Response {
        StatusCode::UNAUTHORIZED.into_response()
    }
}

/// A token header of the project's own, read and answered with an error named for it.
pub async fn cluster_rpc(headers: HeaderMap) -> Result<String, ApiError> {
    let token = headers
        .get(CLUSTER_TOKEN_HEADER)
        .ok_or(ApiError::Unauthenticated)?;
    Ok(format!("{} bytes", token.len()))
}

pub enum WebError {
    Authorization(String),
}

impl axum::response::IntoResponse for WebError {
    fn into_response(self) -> axum::response::Response {
        StatusCode::UNAUTHORIZED.into_response()
    }
}

/// The bearer token read from the headers by hand; its absence is an `Authorization` error.
pub async fn userinfo(headers: HeaderMap) -> Result<String, WebError> {
    let Some(token) = headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
    else {
        return Err(WebError::Authorization("no token".into()));
    };
    Ok(format!("{} bytes", token.len()))
}
