use actix_web::http::header;
use actix_web::{get, web, App, HttpResponse, HttpServer};
use awc::Client;

const UPSTREAM_API_KEY: &str = "ak_live_4Zq9Wm2Lx7Tk"; //~ hardcoded-secret
static SMTP_PASSWORD: &str = "m4il-Relay-2024"; //~ hardcoded-secret

pub struct Settings {
    pub database_url: String,
    pub db_password: String,
    pub webhook_secret: String,
}

pub fn settings() -> Settings {
    Settings {
        database_url: "postgres://app@db/app".into(),
        db_password: "Pg-s3cret-77".to_owned(), //~ hardcoded-secret
        webhook_secret: "whsec_8Kd2Lq9Zx4Mw".into(), //~ hardcoded-secret
    }
}

#[get("/report")]
async fn report() -> HttpResponse {
    let client = Client::default();
    let res = client
        .get("https://billing.internal/report")
        .insert_header((header::AUTHORIZATION, "Bearer b1ll1ng-7Kq2Zx")) //~ hardcoded-secret
        .insert_header(("X-Api-Key", "k3y-Rp9Wz4Lm8")) //~ hardcoded-secret
        .send()
        .await;
    let _ = res;
    let stats = client
        .get("https://stats.internal/")
        .basic_auth("stats", "st4ts-Pa55") //~ hardcoded-secret
        .bearer_auth("tok-Zx7Kq2Lm9Wp4") //~ hardcoded-secret
        .send()
        .await;
    let _ = stats;
    HttpResponse::Ok().finish()
}

pub async fn run() -> std::io::Result<()> {
    let aws_key_id = "AKIAQ4W7Z2K9M3X8B6L1"; //~ hardcoded-secret
    let _ = aws_key_id;
    HttpServer::new(|| App::new().app_data(web::Data::new(settings())).service(report))
        .bind(("127.0.0.1", 8080))?
        .run()
        .await
}
