use sqlx::PgPool;

pub async fn remove_all(_pool: &PgPool, org: &str) {
    tracing::info!("removing the jobs of {org}");
}

pub async fn list(_pool: &PgPool, org: &str) -> Vec<String> {
    crate::STORE
        .query(org, "jobs", None, 0, (0, 10), false)
        .await
        .unwrap_or_default()
}
