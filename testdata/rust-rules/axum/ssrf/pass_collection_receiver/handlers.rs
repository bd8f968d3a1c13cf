//! Lookups in maps and lists whose names contain "client" or "http": no request is sent.
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use axum::extract::{Query, State};
use serde::Deserialize;

use crate::registry::PeerRegistry;

#[derive(Deserialize)]
pub struct Lookup {
    client: String,
    url: String,
}

pub async fn owner(State(reg): State<Arc<PeerRegistry>>, Query(q): Query<Lookup>) -> bool {
    reg.owns(&q.client, &q.url)
}

pub async fn cached(Query(q): Query<Lookup>) -> Option<String> {
    let http_cache: HashMap<String, String> = HashMap::new();
    let client_names = BTreeMap::<String, String>::new();
    let _ = client_names.get(&q.client);
    http_cache.get(&q.url).cloned()
}

pub async fn by_param(Query(q): Query<Lookup>) -> Option<String> {
    find_in(&HashMap::new(), &q.url)
}

fn find_in(client_index: &HashMap<String, String>, key: &str) -> Option<String> {
    client_index.get(key).cloned()
}
