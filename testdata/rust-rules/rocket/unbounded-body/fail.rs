#[macro_use]
extern crate rocket;

use rocket::data::{Data, Limits, ToByteUnit};

#[post("/upload", data = "<data>")]
async fn upload(data: Data<'_>) -> std::io::Result<String> {
    let bytes = data.open(8.gibibytes()).into_bytes().await?; //~ unbounded-body
    Ok(format!("{}", bytes.len()))
}

#[launch]
fn rocket() -> _ {
    let limits = Limits::default()
        .limit("json", 2.gibibytes()) //~ unbounded-body
        .limit("file", 1.tebibytes()); //~ unbounded-body
    let figment = rocket::Config::figment().merge(("limits", limits));
    rocket::custom(figment).mount("/", routes![upload])
}
