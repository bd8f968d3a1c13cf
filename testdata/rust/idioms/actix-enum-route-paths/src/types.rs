/// The paths of the gossip protocol, one variant each.
#[derive(Clone, Copy, Debug)]
pub enum GossipRoute {
    Transaction,
    Chunk,
    Health,
    PeerList,
}

impl GossipRoute {
    pub const fn as_str(&self) -> &'static str {
        match self {
            Self::Transaction => "/transaction",
            Self::Chunk => "/chunk",
            Self::Health => "/health",
            Self::PeerList => "/peer-list",
        }
    }
}
