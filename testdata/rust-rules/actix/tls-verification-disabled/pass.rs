use actix_web::{get, HttpResponse};
use openssl::ssl::{SslConnector, SslMethod, SslVerifyMode};

fn connector() -> SslConnector {
    let mut builder = SslConnector::builder(SslMethod::tls()).unwrap();
    builder.set_verify(SslVerifyMode::PEER);
    builder.set_ca_file("ca.pem").unwrap();
    builder.build()
}

#[get("/upstream")]
async fn upstream() -> HttpResponse {
    let client = awc::Client::builder()
        .connector(awc::Connector::new().openssl(connector()))
        .finish();
    HttpResponse::Ok().finish()
}
