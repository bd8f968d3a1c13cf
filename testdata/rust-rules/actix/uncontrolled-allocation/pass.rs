use actix_web::{get, web, HttpResponse};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Pad {
    len: usize,
}

#[get("/pad")]
async fn pad(q: web::Query<Pad>) -> HttpResponse {
    let len = std::cmp::min(q.len, 80);
    HttpResponse::Ok().body(" ".repeat(len))
}

#[get("/buffer/{size}")]
async fn buffer(size: web::Path<usize>) -> HttpResponse {
    let size = size.into_inner();
    if !(1..=4096).contains(&size) {
        return HttpResponse::BadRequest().finish();
    }
    let mut buf: Vec<u8> = Vec::new();
    buf.reserve(size);
    HttpResponse::Ok().body(buf)
}
