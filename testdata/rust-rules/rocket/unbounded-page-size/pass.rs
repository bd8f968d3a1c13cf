use rocket::get;
use rocket_db_pools::{sqlx, Connection};

#[get("/posts?<limit>&<offset>")]
async fn posts(mut db: Connection<Db>, limit: Option<i64>, offset: Option<i64>) -> String {
    let limit = limit.unwrap_or(10);
    if limit > 50 {
        return String::from("limit too large");
    }
    let rows = sqlx::query("SELECT title FROM posts LIMIT ? OFFSET ?")
        .bind(limit)
        .bind(offset.unwrap_or(0))
        .fetch_all(&mut **db)
        .await;
    format!("{}", rows.is_ok())
}

#[derive(rocket::FromForm)]
pub struct Paging {
    #[field(validate = range(1..=100))]
    per_page: usize,
}

#[get("/comments?<paging..>")]
async fn comments(mut db: Connection<Db>, paging: Paging) -> String {
    let rows = sqlx::query!("SELECT body FROM comments LIMIT ?", paging.per_page as i64)
        .fetch_all(&mut **db)
        .await;
    format!("{}", rows.is_ok())
}
