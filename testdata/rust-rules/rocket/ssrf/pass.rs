use rocket::get;

#[get("/proxy?<path>")]
async fn proxy(path: String) -> String {
    let base = url::Url::parse("https://api.example.com/").unwrap();
    let url = base.join(&format!("v1/{path}")).unwrap();
    reqwest::get(url).await.unwrap().text().await.unwrap()
}
