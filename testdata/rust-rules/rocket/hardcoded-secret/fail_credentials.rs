#[macro_use]
extern crate rocket;

use rocket::http::Status;
use rocket::request::{FromRequest, Outcome, Request};

const ADMIN_API_TOKEN: &str = "adm-9Qz4Lk7Wx2Rm"; //~ hardcoded-secret

pub struct Mailer {
    host: String,
    password: String,
}

pub struct Admin;

#[rocket::async_trait]
impl<'r> FromRequest<'r> for Admin {
    type Error = ();

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, ()> {
        match req.headers().get_one("x-admin-token") {
            Some(t) if t == ADMIN_API_TOKEN => Outcome::Success(Admin),
            _ => Outcome::Error((Status::Unauthorized, ())),
        }
    }
}

#[post("/notify")]
async fn notify(_admin: Admin) -> &'static str {
    let mailer = Mailer {
        host: "smtp.internal".into(),
        password: "sm7p-Rel4y".into(), //~ hardcoded-secret
    };
    let _ = (mailer.host, mailer.password);
    let client = reqwest::Client::new();
    let _ = client
        .post("https://hooks.slack.com/services/T000/B000")
        .bearer_auth("xoxb-2716-48193-aZ9kQ7wLm3") //~ hardcoded-secret
        .send()
        .await;
    "sent"
}

#[launch]
fn rocket() -> _ {
    let private_key = "MC4CAQAwBQYDK2VwBCIEIG9k7Lq2Zx4Wm8Rt"; //~ hardcoded-secret
    let _ = private_key;
    let figment = rocket::Config::figment()
        .merge(("secret_key", "q2Xv9Lm4Zk7Wt1Rb8Nc3Hd6Js0Pe5Ga2Ku7Yf4Tw9=")); //~ hardcoded-secret
    rocket::custom(figment).mount("/", routes![notify])
}
