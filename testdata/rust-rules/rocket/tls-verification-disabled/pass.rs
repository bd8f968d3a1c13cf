#[macro_use]
extern crate rocket;

#[get("/weather/<city>")]
async fn weather(city: &str) -> String {
    let client = reqwest::Client::builder()
        .https_only(true)
        .build()
        .unwrap();
    client.get(format!("https://weather.example.com/{city}")).send().await.unwrap().text().await.unwrap()
}
