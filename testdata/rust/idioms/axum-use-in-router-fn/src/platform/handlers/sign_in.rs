pub async fn sign_in(body: String) -> String {
    format!("welcome {}", body.len())
}
