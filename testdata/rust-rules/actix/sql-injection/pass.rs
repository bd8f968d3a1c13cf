use actix_web::{get, web, HttpResponse};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Filter {
    status: String,
    year: i32,
}

#[get("/orders")]
async fn orders(pool: web::Data<sqlx::PgPool>, filter: web::Query<Filter>) -> HttpResponse {
    let rows = sqlx::query("SELECT id FROM orders WHERE status = $1")
        .bind(&filter.status)
        .fetch_all(pool.get_ref())
        .await
        .unwrap();
    HttpResponse::Ok().body(rows.len().to_string())
}

#[get("/years")]
async fn years(client: web::Data<tokio_postgres::Client>, filter: web::Query<Filter>) -> HttpResponse {
    let sql = format!("SELECT id FROM orders WHERE year = {}", filter.year);
    let rows = client.query(sql.as_str(), &[]).await.unwrap();
    HttpResponse::Ok().body(rows.len().to_string())
}
