// No router in this file: only the paths a router names.
pub const HEALTH: &str = "/healthz";
