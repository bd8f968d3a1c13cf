use rocket::get;

#[get("/proxy?<target>")]
async fn proxy(target: String) -> String {
    let client = reqwest::Client::new();
    client.get(&target).send().await.unwrap().text().await.unwrap() //~ ssrf
}

#[get("/avatar/<host>")]
async fn avatar(host: &str) -> Vec<u8> {
    let url = "https://".to_string() + host + "/avatar.png";
    reqwest::get(url).await.unwrap().bytes().await.unwrap().to_vec() //~ ssrf
}
