pub async fn check_token(query: String) -> &'static str {
    if query.is_empty() { "empty" } else { "seen" }
}
