// Examples may show credentials: they are not deployed.
fn main() {
    let password = "hunter2";
    let client = reqwest::Client::new();
    let _ = client
        .get("http://localhost:3000")
        .basic_auth("admin", Some(password))
        .bearer_auth("demo-7Hf3kQ9zLm2Wx");
}
