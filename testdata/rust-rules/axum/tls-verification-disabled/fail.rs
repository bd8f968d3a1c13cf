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

// Verification is off whenever tracing is on: turning a feature on should not turn
// certificate checks off, and no setting keeps them.
pub fn exporter_client(tracing_enabled: bool) -> Option<reqwest::Client> {
    if tracing_enabled {
        let c = reqwest::Client::builder()
            .danger_accept_invalid_certs(true) //~ tls-verification-disabled
            .build()
            .ok()?;
        return Some(c);
    }
    None
}

// Without a CA of its own the client trusts anyone; a setting about client certificates
// (incoming mutual TLS) does not make this the operator's choice.
pub fn peer_client(ca_cert: Option<&str>, verify_https_client_certificate: bool) -> reqwest::Client {
    let mut builder = reqwest::Client::builder();
    if let Some(path) = ca_cert {
        let pem = std::fs::read(path).unwrap();
        builder = builder.add_root_certificate(reqwest::Certificate::from_pem(&pem).unwrap());
    } else if !verify_https_client_certificate {
        builder = builder.danger_accept_invalid_hostnames(true); //~ tls-verification-disabled
    }
    builder.build().unwrap()
}

/// Named for the insecurity, but every client goes through it: no setting chooses it.
fn insecure_builder() -> reqwest::ClientBuilder {
    reqwest::Client::builder().danger_accept_invalid_certs(true) //~ tls-verification-disabled
}

pub fn webhook_client() -> reqwest::Client {
    insecure_builder().build().unwrap()
}
