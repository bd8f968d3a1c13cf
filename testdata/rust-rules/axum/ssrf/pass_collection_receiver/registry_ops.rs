use crate::registry::PeerRegistry;

impl PeerRegistry {
    pub fn owns(&self, client_id: &str, peer: &str) -> bool {
        let known = self.http_peers.get(peer).is_some();
        known
            && self
                .client_tokens
                .get(client_id)
                .is_some_and(|t| !t.is_empty())
    }
}
