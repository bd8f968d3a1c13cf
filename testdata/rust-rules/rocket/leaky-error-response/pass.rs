use rocket::http::Status;
use rocket::response::status::Custom;
use rocket::{get, State};

#[get("/users")]
async fn users(pool: &State<sqlx::SqlitePool>) -> Result<String, Custom<String>> {
    let rows = sqlx::query("SELECT id FROM users")
        .fetch_all(pool.inner())
        .await
        .map_err(|e| {
            rocket::error!("listing users: {e}");
            Custom(Status::InternalServerError, "internal error".to_string())
        })?;
    Ok(rows.len().to_string())
}

#[get("/n/<n>")]
fn number(n: &str) -> Result<String, Custom<String>> {
    n.parse::<u32>()
        .map(|v| v.to_string())
        .map_err(|e| Custom(Status::BadRequest, e.to_string()))
}
