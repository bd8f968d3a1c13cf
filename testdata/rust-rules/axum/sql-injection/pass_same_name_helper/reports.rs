use sqlx::PgPool;

pub async fn remove_all(pool: &PgPool, org: &str) {
    let sql = format!("DELETE FROM reports WHERE org = '{org}'");
    let _ = sqlx::query(&sql).execute(pool).await;
}
