use rocket::serde::json::Json;
use rocket::{get, post, State};
use rocket_db_pools::Connection;

#[get("/books?<author>")]
async fn books(mut db: Connection<Db>, author: &str) -> String {
    let sql = format!("SELECT title FROM books WHERE author = '{author}'");
    let rows = sqlx::query(&sql).fetch_all(&mut **db).await.unwrap(); //~ sql-injection
    rows.len().to_string()
}

#[derive(rocket::serde::Deserialize)]
pub struct NewTag {
    name: String,
}

#[post("/tags", data = "<tag>")]
async fn tag(pool: &State<sqlx::SqlitePool>, tag: Json<NewTag>) -> &'static str {
    let mut sql = String::from("INSERT INTO tags (name) VALUES ('");
    sql.push_str(&tag.name);
    sql.push_str("')");
    sqlx::query(&sql).execute(pool.inner()).await.unwrap(); //~ sql-injection
    "ok"
}
