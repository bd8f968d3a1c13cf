use actix_web::http::header;
use actix_web::{get, web, App, HttpResponse, HttpServer};
use awc::Client;

const API_KEY_HEADER: &str = "X-Api-Key";
const PASSWORD_MAX_LEN: usize = 128;
const CLIENT_SECRET_ENV: &str = "OAUTH_CLIENT_SECRET";
const ACCESS_TOKEN_TTL_SECS: u64 = 900;

pub struct Settings {
    pub db_password: String,
    pub webhook_secret: String,
    pub secret_name: String,
}

pub fn settings() -> Settings {
    Settings {
        db_password: std::env::var("DB_PASSWORD").expect("DB_PASSWORD"),
        webhook_secret: std::env::var("WEBHOOK_SECRET").unwrap_or_default(),
        secret_name: "prod/webhook".into(),
    }
}

#[get("/report")]
async fn report(settings: web::Data<Settings>) -> HttpResponse {
    let client = Client::default();
    let token = std::env::var("BILLING_TOKEN").unwrap_or_default();
    let res = client
        .get("https://billing.internal/report")
        .insert_header((header::AUTHORIZATION, format!("Bearer {token}")))
        .insert_header((API_KEY_HEADER, settings.webhook_secret.as_str()))
        .insert_header((header::CONTENT_TYPE, "application/json"))
        .send()
        .await;
    let _ = res;
    if settings.db_password.len() > PASSWORD_MAX_LEN {
        return HttpResponse::BadRequest().body("password too long");
    }
    HttpResponse::Ok().finish()
}

pub async fn run() -> std::io::Result<()> {
    let _ = (CLIENT_SECRET_ENV, ACCESS_TOKEN_TTL_SECS);
    HttpServer::new(|| App::new().app_data(web::Data::new(settings())).service(report))
        .bind(("127.0.0.1", 8080))?
        .run()
        .await
}
