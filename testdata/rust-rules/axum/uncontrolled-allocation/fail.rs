use axum::extract::{Json, Path, Query};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Generate {
    count: usize,
    width: u32,
}

pub async fn ids(Query(q): Query<Generate>) -> Json<Vec<u64>> {
    let mut ids = Vec::with_capacity(q.count); //~ uncontrolled-allocation
    for i in 0..q.count { //~ uncontrolled-allocation
        ids.push(i as u64);
    }
    Json(ids)
}

pub async fn canvas(Path((w, h)): Path<(usize, usize)>) -> Vec<u8> {
    vec![0u8; w * h * 4] //~ uncontrolled-allocation
}

pub async fn banner(Query(q): Query<Generate>) -> String {
    "=".repeat(q.width as usize) //~ uncontrolled-allocation
}

pub async fn padded(Json(body): Json<Generate>) -> Vec<u8> {
    let mut buf = Vec::new();
    buf.resize(body.count, 0); //~ uncontrolled-allocation
    buf
}

pub async fn stream(Query(n): Query<usize>) -> Vec<u8> {
    fill(n)
}

fn fill(n: usize) -> Vec<u8> {
    std::iter::repeat(7u8).take(n).collect() //~ uncontrolled-allocation
}

/// A page whose size the client chooses: the helper reserves it.
pub struct Window {
    from: usize,
    size: usize,
}

pub async fn window(Query(q): Query<Generate>) -> Vec<u64> {
    let w = Window {
        from: 0,
        size: q.count,
    };
    rows(&w)
}

fn rows(w: &Window) -> Vec<u64> {
    let mut out = Vec::with_capacity(w.size); //~ uncontrolled-allocation
    out.push(w.from as u64);
    out
}

/// The client's start, a default size, then the client's size over it.
pub async fn resized(Query(q): Query<Generate>) -> Vec<u64> {
    let mut w = Window {
        from: q.count,
        size: 30,
    };
    w.size = q.count;
    rows_again(&w)
}

fn rows_again(w: &Window) -> Vec<u64> {
    let mut out = Vec::with_capacity(w.size); //~ uncontrolled-allocation
    out.push(w.from as u64);
    out
}

/// The client's start joins the server's size in the amount reserved.
pub async fn span(Query(q): Query<Generate>) -> Vec<u64> {
    let w = Window {
        from: q.count,
        size: 30,
    };
    spanned(&w)
}

fn spanned(w: &Window) -> Vec<u64> {
    Vec::with_capacity(w.size + w.from) //~ uncontrolled-allocation
}
