const ADMIN_PASSWORD: &str = "Tr0ub4dor&3";

#[tokio::test]
async fn admin_can_log_in() {
    let api_key = "k9Xf2mQ7zL4wR8tY";
    let _ = (ADMIN_PASSWORD, api_key);
}
