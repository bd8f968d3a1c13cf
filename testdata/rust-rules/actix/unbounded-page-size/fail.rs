use actix_web::{get, web, HttpResponse};
use diesel::prelude::*;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Page {
    page_size: Option<u32>,
    page: Option<u32>,
}

#[get("/articles")]
async fn articles(pool: web::Data<DbPool>, q: web::Query<Page>) -> HttpResponse {
    let size = q.page_size.unwrap_or(25);
    let mut conn = pool.get().unwrap();
    let items = list_articles(&mut conn, q.page.unwrap_or(0) * size, size); //~ unbounded-page-size
    HttpResponse::Ok().json(items)
}

fn list_articles(conn: &mut PgConnection, offset: u32, size: u32) -> Vec<Article> {
    use crate::schema::articles::dsl::*;
    articles
        .offset(offset as i64)
        .limit(size as i64)
        .load::<Article>(conn)
        .unwrap()
}
