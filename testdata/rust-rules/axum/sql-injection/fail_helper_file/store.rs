use axum::http::StatusCode;
use sqlx::PgPool;

pub async fn count_tagged(pool: &PgPool, tag: &str) -> StatusCode {
    let sql = format!("SELECT count(*) FROM posts WHERE tag = '{tag}'");
    match sqlx::query(&sql).execute(pool).await { //~ sql-injection
        Ok(_) => StatusCode::OK,
        Err(_) => StatusCode::NOT_FOUND,
    }
}
