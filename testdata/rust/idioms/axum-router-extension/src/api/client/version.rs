pub(crate) async fn server_version() -> &'static str {
    "1.0"
}

pub(crate) async fn health() -> &'static str {
    "ok"
}
