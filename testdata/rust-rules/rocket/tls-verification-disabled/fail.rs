#[macro_use]
extern crate rocket;

#[get("/weather/<city>")]
async fn weather(city: &str) -> String {
    let agent = ureq::Agent::config_builder()
        .tls_config(ureq::tls::TlsConfig::builder().disable_verification(true).build()) //~ tls-verification-disabled
        .build()
        .new_agent();
    let client = reqwest::Client::builder()
        .danger_accept_invalid_certs(true) //~ tls-verification-disabled
        .build()
        .unwrap();
    client.get(format!("https://weather.example.com/{city}")).send().await.unwrap().text().await.unwrap()
}
