use rustls::client::danger::{ServerCertVerified, ServerCertVerifier};

pub fn client(settings: &Settings) -> reqwest::Client {
    let ca = reqwest::Certificate::from_pem(&std::fs::read("ca.pem").unwrap()).unwrap();
    reqwest::Client::builder()
        .add_root_certificate(ca)
        .danger_accept_invalid_certs(false)
        // Configuration, not code: decided per environment.
        .danger_accept_invalid_hostnames(settings.insecure_hostnames)
        .build()
        .unwrap()
}

/// Pins one certificate: checks, then accepts.
#[derive(Debug)]
struct Pinned(Vec<u8>);

impl ServerCertVerifier for Pinned {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        if end_entity.as_ref() == self.0.as_slice() {
            Ok(ServerCertVerified::assertion())
        } else {
            Err(rustls::Error::General("certificate does not match the pin".into()))
        }
    }
}

/// A helper named for the insecurity, called only when the operator asks for it: the same
/// opt-in as a branch around the call, one call away.
fn make_insecure(builder: reqwest::ClientBuilder) -> reqwest::ClientBuilder {
    builder
        .danger_accept_invalid_certs(true)
        .danger_accept_invalid_hostnames(true)
}

pub struct ClientFactory {
    insecure: bool,
}

impl ClientFactory {
    pub fn build(&self) -> reqwest::Client {
        let mut builder = reqwest::Client::builder();
        if self.insecure {
            builder = make_insecure(builder);
        }
        builder.build().unwrap()
    }
}
