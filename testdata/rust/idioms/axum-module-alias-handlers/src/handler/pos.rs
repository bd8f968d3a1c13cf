pub async fn list_validators() -> &'static str {
    "[]"
}
