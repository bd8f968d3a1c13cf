use sqlx::PgPool;

use crate::kinds::{Bucket, Column, Direction};

pub async fn top(pool: &PgPool, column: Option<Column>, direction: Option<Direction>) {
    let mut sql = String::from("SELECT id FROM entries");
    sql.push_str(&format!(
        " ORDER BY {} {} LIMIT 10",
        column.clone().unwrap_or(Column::Created),
        direction.unwrap_or(Direction::Desc)
    ));
    let _ = sqlx::query(sql.as_str()).execute(pool).await;
}

pub async fn series(pool: &PgPool, bucket: Bucket) {
    let sql = format!("SELECT date_trunc('{bucket}', created) AS t, count(*) FROM entries GROUP BY t");
    let _ = sqlx::query(&sql).execute(pool).await;
}
