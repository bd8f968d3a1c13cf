#[macro_use]
extern crate rocket;

use rocket::data::{Data, Limits, ToByteUnit};

#[post("/upload", data = "<data>")]
async fn upload(data: Data<'_>) -> std::io::Result<String> {
    let bytes = data.open(10.mebibytes()).into_bytes().await?;
    Ok(format!("{}", bytes.len()))
}

#[launch]
fn rocket() -> _ {
    let limits = Limits::default()
        .limit("json", 1.mebibytes())
        .limit("file", 64.mebibytes());
    let figment = rocket::Config::figment().merge(("limits", limits));
    rocket::custom(figment).mount("/", routes![upload])
}
