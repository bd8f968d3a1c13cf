use std::collections::HashMap;

use dashmap::DashMap;

/// Peers by id; defined away from its methods.
#[derive(Default)]
pub struct PeerRegistry {
    pub client_tokens: HashMap<String, String>,
    pub http_peers: DashMap<String, u32>,
}
