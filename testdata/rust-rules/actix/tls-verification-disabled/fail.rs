use actix_web::{get, web, HttpResponse};
use openssl::ssl::{SslConnector, SslMethod, SslVerifyMode};

fn connector() -> SslConnector {
    let mut builder = SslConnector::builder(SslMethod::tls()).unwrap();
    builder.set_verify(SslVerifyMode::NONE); //~ tls-verification-disabled
    builder.build()
}

#[get("/upstream")]
async fn upstream() -> HttpResponse {
    let client = awc::Client::builder()
        .connector(awc::Connector::new().openssl(connector()))
        .finish();
    let native = native_tls::TlsConnector::builder()
        .danger_accept_invalid_certs(true) //~ tls-verification-disabled
        .build()
        .unwrap();
    HttpResponse::Ok().finish()
}
