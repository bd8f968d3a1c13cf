// Verification turned off only when an operator sets a switch that names the insecurity:
// the same choice as `danger_accept_invalid_certs(cfg.skip_tls_verify)`, written as a branch.
use std::sync::Arc;

use rustls::client::danger::{ServerCertVerified, ServerCertVerifier};

pub struct Destination {
    pub url: String,
    pub skip_tls_verify: bool,
}

pub fn destination_client(d: &Destination) -> reqwest::Client {
    let builder = if d.skip_tls_verify {
        reqwest::Client::builder().danger_accept_invalid_certs(true)
    } else {
        reqwest::Client::builder()
    };
    builder.build().unwrap()
}

pub fn cli_client(opts: &Opts) -> reqwest::Client {
    let builder = reqwest::Client::builder();
    let builder = match opts.accept_invalid_certs {
        true => builder.danger_accept_invalid_certs(true),
        false => builder,
    };
    let builder = if !opts.verifyTls {
        builder.danger_accept_invalid_hostnames(true)
    } else {
        builder
    };
    builder.build().unwrap()
}

pub fn env_client() -> reqwest::Client {
    let mut builder = reqwest::Client::builder();
    if std::env::var("APP_INSECURE").is_ok() {
        builder = builder.danger_accept_invalid_certs(true);
    }
    if verify_certificates() {
        // checks on
    } else {
        builder = builder.danger_accept_invalid_hostnames(true);
    }
    builder.build().unwrap()
}

#[derive(Debug)]
struct NoVerifier;

impl ServerCertVerifier for NoVerifier {
    fn verify_server_cert(
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

pub fn db_tls(cfg: &DbConfig, roots: RootCertStore) -> ClientConfig {
    let mut config = ClientConfig::builder()
        .with_root_certificates(roots)
        .with_no_client_auth();
    if cfg.pg_tls_no_verify {
        config
            .dangerous()
            .set_certificate_verifier(Arc::new(NoVerifier));
    }
    config
}
