pub fn base_path() -> String {
    std::env::var("BASE_PATH").unwrap_or_default()
}
