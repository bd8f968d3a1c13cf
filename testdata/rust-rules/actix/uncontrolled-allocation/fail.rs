use actix_web::{get, web, HttpResponse};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Pad {
    len: usize,
}

#[get("/pad")]
async fn pad(q: web::Query<Pad>) -> HttpResponse {
    HttpResponse::Ok().body(" ".repeat(q.len)) //~ uncontrolled-allocation
}

#[get("/buffer/{size}")]
async fn buffer(size: web::Path<usize>) -> HttpResponse {
    let size = size.into_inner();
    let mut buf: Vec<u8> = Vec::new();
    buf.reserve(size); //~ uncontrolled-allocation
    HttpResponse::Ok().body(buf)
}
