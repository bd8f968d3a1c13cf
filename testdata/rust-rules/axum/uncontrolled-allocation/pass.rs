use axum::extract::{Json, Path, Query};
use serde::Deserialize;

const MAX: usize = 1_000;

#[derive(Deserialize)]
pub struct Generate {
    count: usize,
    depth: u8,
    name: String,
}

pub async fn ids(Query(q): Query<Generate>) -> Json<Vec<u64>> {
    let count = q.count.min(MAX);
    let mut ids = Vec::with_capacity(count);
    for i in 0..count {
        ids.push(i as u64);
    }
    Json(ids)
}

pub async fn checked(Path(n): Path<usize>) -> Vec<u8> {
    if n > MAX {
        return Vec::new();
    }
    vec![0u8; n]
}

pub async fn narrow(Query(q): Query<Generate>) -> String {
    // A u8 is at most 255.
    "-".repeat(q.depth as usize) + &"x".repeat(q.count.clamp(1, 80))
}

pub async fn copy(Json(body): Json<Generate>) -> String {
    // The length of what was sent is bounded by the body limit.
    let mut s = String::with_capacity(body.name.len());
    s.push_str(&body.name);
    s
}

pub async fn helper(Query(q): Query<Generate>) -> Vec<u8> {
    bounded(q.count)
}

fn bounded(n: usize) -> Vec<u8> {
    let n = std::cmp::min(n, MAX);
    vec![1; n]
}

/// A decoder taking `Bytes` is not a handler: its input is not a request extractor.
pub fn decode(buf: bytes::Bytes) -> Vec<u8> {
    let n = buf.len() * 2;
    vec![0u8; n]
}

#[derive(Deserialize)]
pub struct Scrape {
    ids: Vec<u64>,
    count: usize,
}

/// A project type's function named like an allocation, handed a reference to the items:
/// statistics for each, no count.
pub struct Stats;

impl Stats {
    pub fn zeroed(ids: &[u64]) -> Vec<u64> {
        ids.iter().map(|_| 0).collect()
    }
}

pub async fn scrape(Query(q): Query<Scrape>) -> String {
    let stats = Stats::zeroed(&q.ids);
    format!("{} {}", stats.len(), q.count.min(MAX))
}

/// `n > 1` refused: at most one item.
pub async fn single(Query(q): Query<Generate>) -> Vec<u8> {
    if q.count > 1 {
        return Vec::new();
    }
    vec![0u8; q.count]
}

/// A page: where to start comes from the client, how many per page from the server.
pub struct Page {
    start: usize,
    per_page: usize,
}

/// The helper reserves the page size, which the handler's struct holds from the settings,
/// not from the request.
pub async fn listing(Query(q): Query<Generate>) -> Json<Vec<u64>> {
    let page = Page {
        start: q.count,
        per_page: 30,
    };
    Json(page_of(&page))
}

fn page_of(page: &Page) -> Vec<u64> {
    let mut out = Vec::with_capacity(page.per_page);
    out.push(page.start as u64);
    out
}
