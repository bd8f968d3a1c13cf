use actix_web::{get, web, HttpResponse};
use diesel::prelude::*;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Page {
    page_size: Option<u32>,
    page: Option<u32>,
}

const MAX_PAGE: u32 = 100;

#[get("/articles")]
async fn articles(pool: web::Data<DbPool>, q: web::Query<Page>) -> HttpResponse {
    let size = q.page_size.unwrap_or(25).min(MAX_PAGE);
    let mut conn = pool.get().unwrap();
    let items = page_of_articles(&mut conn, q.page.unwrap_or(0) * size, size);
    HttpResponse::Ok().json(items)
}

#[get("/drafts")]
async fn drafts(pool: web::Data<DbPool>, q: web::Query<Page>) -> HttpResponse {
    let mut conn = pool.get().unwrap();
    // The helper bounds the page size itself.
    HttpResponse::Ok().json(page_of_drafts(&mut conn, q.page_size.unwrap_or(25)))
}

fn page_of_articles(conn: &mut PgConnection, offset: u32, size: u32) -> Vec<Article> {
    use crate::schema::articles::dsl::*;
    articles.offset(offset as i64).limit(size as i64).load::<Article>(conn).unwrap()
}

fn page_of_drafts(conn: &mut PgConnection, size: u32) -> Vec<Article> {
    use crate::schema::drafts::dsl::*;
    let size = size.clamp(1, MAX_PAGE);
    drafts.limit(size as i64).load::<Article>(conn).unwrap()
}
