use rocket::{get, State};

#[get("/books?<author>&<year>")]
async fn books(pool: &State<sqlx::SqlitePool>, author: &str, year: i64) -> String {
    let rows = sqlx::query(&format!("SELECT title FROM books WHERE year = {year} AND author = ?"))
        .bind(author)
        .fetch_all(pool.inner())
        .await
        .unwrap();
    rows.len().to_string()
}
