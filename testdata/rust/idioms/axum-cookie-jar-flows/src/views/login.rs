use axum::http::StatusCode;

pub struct Sessions;

impl Sessions {
    pub async fn authenticate_with_password(&self, user: &str, password: &str) -> Result<String, StatusCode> {
        if user.is_empty() || password.len() < 8 {
            return Err(StatusCode::UNAUTHORIZED);
        }
        Ok(format!("session for {user}"))
    }
}

/// Signs a user in: checking the password given is the sign-in itself, not a check of the
/// caller.
pub async fn post(body: String) -> Result<String, StatusCode> {
    let (user, password) = body.split_once(':').ok_or(StatusCode::BAD_REQUEST)?;
    let session = Sessions.authenticate_with_password(user, password).await?;
    Ok(session)
}
