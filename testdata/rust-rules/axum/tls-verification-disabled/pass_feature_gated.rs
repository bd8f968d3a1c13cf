// A client built for end-to-end tests: the statement that turns verification off is
// compiled only with a test feature, never into the served binary.
pub fn client() -> reqwest::Client {
    let mut builder = reqwest::Client::builder();
    #[cfg(feature = "e2e_tests")]
    if std::env::var("E2E_PROXY").is_ok() {
        builder = builder.danger_accept_invalid_certs(true);
    }
    #[cfg(test)]
    let builder = builder.danger_accept_invalid_hostnames(true);
    builder.build().unwrap()
}
