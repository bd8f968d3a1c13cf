use axum::extract::State;
use std::sync::Arc;

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};

pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .danger_accept_invalid_certs(true) //~ tls-verification-disabled
        .danger_accept_invalid_hostnames(true) //~ tls-verification-disabled
        .build()
        .unwrap()
}

#[derive(Debug)]
struct AcceptAll;

impl ServerCertVerifier for AcceptAll {
    fn verify_server_cert( //~ tls-verification-disabled
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }
}

pub fn rustls_config(roots: RootCertStore) -> ClientConfig {
    let mut config = ClientConfig::builder()
        .with_root_certificates(roots)
        .with_no_client_auth();
    config
        .dangerous()
        .set_certificate_verifier(Arc::new(AcceptAll));
    config
}

pub async fn proxy(State(state): State<AppState>) -> String {
    let client = reqwest::Client::builder()
        .danger_accept_invalid_certs(true) //~ tls-verification-disabled
        .build()
        .unwrap();
    client.get(&state.upstream).send().await.unwrap().text().await.unwrap()
}
