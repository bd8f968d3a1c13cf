use rocket::http::Status;
use rocket::response::status::Custom;
use rocket::{get, State};

#[get("/users")]
async fn users(pool: &State<sqlx::SqlitePool>) -> Result<String, Custom<String>> {
    let rows = sqlx::query("SELECT id FROM users")
        .fetch_all(pool.inner())
        .await
        .map_err(|e| Custom(Status::InternalServerError, e.to_string()))?; //~ leaky-error-response
    Ok(rows.len().to_string())
}
