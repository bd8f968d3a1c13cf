pub fn version() -> &'static str {
    "1"
}
