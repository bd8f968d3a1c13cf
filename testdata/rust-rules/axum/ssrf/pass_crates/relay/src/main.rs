/// Another binary's function of the same name: the feed's request value never gets here.
pub async fn record_mark(service: &str) {
    let client = reqwest::Client::new();
    client.get(service).send().await.unwrap();
}
