/// Paths anyone may call: the key check lets every path starting with one of them through.
pub const OPEN_PREFIXES: &[&str] = &["/docs", "/v2/status", "/v2/live"];
