// An endpoint that runs the SQL its caller sends (a query console): the statement is the
// request's own text from its start, run as sent, said at info, in the handler and through
// a helper. A request value appended to the server's own SQL stays an error.
use axum::extract::State;
use axum::Json;
use serde::Deserialize;
use sqlx::PgPool;

#[derive(Deserialize)]
pub struct Console {
    statement: String,
    table: String,
}

pub async fn console(State(pool): State<PgPool>, Json(c): Json<Console>) -> String {
    let n = sqlx::query(&c.statement).fetch_all(&pool).await.unwrap().len(); //~ sql-injection
    let mut sql = String::from("SELECT count(*) FROM ");
    sql.push_str(&c.table);
    sqlx::query(&sql).execute(&pool).await.unwrap(); //~ sql-injection
    format!("{n} {}", run_text(&pool, &c.statement).await)
}

async fn run_text(pool: &PgPool, text: &str) -> usize {
    sqlx::query(text).fetch_all(pool).await.unwrap().len() //~ sql-injection
}
