use actix_web::{get, post, web, HttpRequest, HttpResponse};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Filter {
    status: String,
}

#[get("/orders")]
async fn orders(pool: web::Data<sqlx::PgPool>, filter: web::Query<Filter>) -> HttpResponse {
    let sql = format!("SELECT id FROM orders WHERE status = '{}'", filter.status);
    let rows = sqlx::query(&sql).fetch_all(pool.get_ref()).await.unwrap(); //~ sql-injection
    HttpResponse::Ok().body(rows.len().to_string())
}

#[get("/users/{name}")]
async fn user(client: web::Data<tokio_postgres::Client>, name: web::Path<String>) -> HttpResponse {
    let query = "SELECT id FROM users WHERE name = '".to_string() + &name.into_inner() + "'";
    let rows = client.query(query.as_str(), &[]).await.unwrap(); //~ sql-injection
    HttpResponse::Ok().body(rows.len().to_string())
}

#[post("/raw")]
async fn raw(req: HttpRequest, conn: web::Data<Pool>) -> HttpResponse {
    let q = req.query_string();
    let conn = conn.get().unwrap();
    conn.execute(&format!("DELETE FROM logs WHERE {q}"), []).unwrap(); //~ sql-injection
    HttpResponse::NoContent().finish()
}
