use sqlx::PgPool;

pub async fn remove_all(pool: &PgPool, org: &str) {
    let sql = format!("DELETE FROM reports WHERE org = '{org}'");
    let _ = sqlx::query(&sql).execute(pool).await;
}

pub async fn delete_all<C: sea_orm::ConnectionTrait>(conn: &C) {
    let _ = Entity::delete_many().exec(conn).await;
}

pub async fn fetch(sql: &str) -> u64 {
    sqlx::query(sql).execute(&crate::POOL).await.map(|r| r.rows_affected()).unwrap_or(0)
}
