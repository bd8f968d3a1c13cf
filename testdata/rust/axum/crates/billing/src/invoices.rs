use axum_auth::AuthBearer;

pub async fn create(AuthBearer(token): AuthBearer) {}

pub async fn list() {}
