use axum::extract::Path;

use crate::auth::AuthUser;

pub async fn read(user: AuthUser, Path(id): Path<u64>) -> String {
    format!("{} reads {id}", user.id)
}
