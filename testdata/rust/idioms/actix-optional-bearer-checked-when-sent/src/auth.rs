use crate::ApiError;

pub struct User {
    pub id: u64,
}

pub struct Db;

pub enum DatabaseError {
    NotFound(&'static str),
    Other,
}

impl From<DatabaseError> for ApiError {
    fn from(_: DatabaseError) -> Self {
        ApiError::NotFound
    }
}

async fn get_user_by_oauth_token(_db: &Db, token: &str) -> Result<u64, DatabaseError> {
    match token.strip_prefix("at_") {
        Some(_) => Ok(1),
        None if token.is_empty() => Err(DatabaseError::Other),
        None => Err(DatabaseError::NotFound("token")),
    }
}

pub async fn get_current_session(db: &Db, token: &str) -> Result<u64, ApiError> {
    let user_id = match get_user_by_oauth_token(db, token).await {
        Ok(user_id) => user_id,
        Err(DatabaseError::NotFound(_)) => {
            return Err(ApiError::AuthError("access token is invalid"));
        }
        Err(other_error) => return Err(other_error.into()),
    };
    Ok(user_id)
}

pub async fn get_current_user(db: &Db, token: &str) -> Result<User, ApiError> {
    let id = get_current_session(db, token).await?;
    Ok(User { id })
}
