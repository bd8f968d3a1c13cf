// The project's opt-in usage report: the collector's ingestion credentials ship in every
// build by design. Said at info: a reviewer checks that the key only lets one send events.
use std::time::Duration;

const COLLECTOR_URL: &str = "https://collect.example.org/track";
const CLIENT_ID: &str = "5b0f3c9e-2d41-4a7e-9c55-0e8f6a1b2c3d";
const CLIENT_SECRET: &str = "sec_4f1d9a7c2b8e6d30a5c7"; //~ hardcoded-secret
const INTERVAL: Duration = Duration::from_secs(86_400);

pub async fn report(events: &[serde_json::Value]) -> Result<(), reqwest::Error> {
    let _ = INTERVAL;
    reqwest::Client::new()
        .post(COLLECTOR_URL)
        .header("openpanel-client-id", CLIENT_ID)
        .header("openpanel-client-secret", CLIENT_SECRET)
        .json(events)
        .send()
        .await?;
    Ok(())
}
