pub const HEALTH: &str = "/healthz";
