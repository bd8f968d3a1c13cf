use axum::extract::{Path, Query, State};
use serde::Deserialize;
use sqlx::PgPool;

#[derive(Deserialize)]
pub struct Search {
    name: String,
    page: i64,
    sort: Option<String>,
}

pub async fn search(State(pool): State<PgPool>, Query(q): Query<Search>) -> String {
    let rows = sqlx::query("SELECT id FROM users WHERE name = $1 OFFSET $2")
        .bind(&q.name)
        .bind(q.page * 20)
        .fetch_all(&pool)
        .await
        .unwrap();
    format!("{}", rows.len())
}

pub async fn by_id(State(pool): State<PgPool>, Path(id): Path<i64>) -> String {
    // A number cannot carry SQL.
    let sql = format!("SELECT name FROM users WHERE id = {id}");
    sqlx::query_scalar::<_, String>(&sql).fetch_one(&pool).await.unwrap()
}

pub async fn page(State(pool): State<PgPool>, Query(q): Query<Search>) -> String {
    let sql = format!("SELECT id FROM users LIMIT 20 OFFSET {}", q.page * 20);
    let column = match q.sort.as_deref() {
        Some("name") => "name",
        _ => "id",
    };
    let sql = format!("{sql} ORDER BY {column}");
    sqlx::query(&sql).fetch_all(&pool).await.unwrap();
    let n = sqlx::query!("SELECT count(*) FROM users WHERE name = $1", q.name);
    String::new()
}

pub async fn upstream(Query(q): Query<Search>) -> String {
    // An outgoing HTTP query string, not SQL.
    let client = reqwest::Client::new();
    client
        .get("https://api.example.com/search")
        .query(&[("name", &q.name)])
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

/// A driver built from the request is an object, not SQL text.
pub async fn grouped(State(pool): State<PgPool>, Query(q): Query<Search>) -> String {
    let driver = GroupDriver::new(q.name.clone());
    let next = driver.next_query();
    pool.execute(next).await;
    String::new()
}

/// The request value only chooses between fixed statements; its value goes as a bound
/// parameter.
pub async fn columns(State(pool): State<PgPool>, Query(q): Query<Search>) -> String {
    let text = match q.sort {
        None => "SELECT * FROM users LIMIT 10",
        _ => "SELECT id, name FROM users ORDER BY $1 LIMIT 10",
    };
    run_statement(&pool, text, q.sort.unwrap_or_default(), None).await
}

async fn run_statement(pool: &PgPool, text: &str, param: String, before: Option<String>) -> String {
    if let Some(before) = before {
        pool.execute(&before).await;
    }
    sqlx::query(text).bind(param).execute(pool).await;
    String::new()
}
