// A tool that exercises an identity provider from a developer's machine: a package named
// for testing is not the served product, and its client trusts a self-signed test server.
#[tokio::main]
async fn main() {
    let client = reqwest::Client::builder()
        .danger_accept_invalid_certs(true)
        .build()
        .unwrap();
    let me = client.get("https://idp.test/whoami").send().await.unwrap();
    println!("{}", me.status());
}
