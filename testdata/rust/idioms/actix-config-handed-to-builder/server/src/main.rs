//! Everything in one process: the API services and the front end.
#[tokio::main]
async fn main() {
    let base = std::env::var("BASE").unwrap_or_default();
    let _ = tokio::join!(shop_api::run(base), shop_api::run_status(), shop_web::run());
}
