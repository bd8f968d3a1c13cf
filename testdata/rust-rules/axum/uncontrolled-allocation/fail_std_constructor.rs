use std::collections::HashMap;

use axum::extract::Query;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Page {
    limit: usize,
}

/// A type of the project with a constructor of the same name as `Vec`'s: `Vec::with_capacity`
/// in a handler is std's, never this one.
pub struct Index {
    slots: HashMap<String, u64>,
}

impl Index {
    pub fn with_capacity(n: usize) -> Self {
        Index {
            slots: HashMap::with_capacity(n),
        }
    }
}

pub async fn listing(Query(p): Query<Page>) -> String {
    let total = 10;
    let mut out: Vec<u64> = Vec::with_capacity(if p.limit > 0 { p.limit } else { total }); //~ uncontrolled-allocation
    out.push(1);
    format!("{}", out.len())
}

/// A lower bound of one is no upper bound.
pub async fn filled(Query(p): Query<Page>) -> Vec<u8> {
    if p.limit >= 1 {
        return vec![0u8; p.limit]; //~ uncontrolled-allocation
    }
    Vec::new()
}
