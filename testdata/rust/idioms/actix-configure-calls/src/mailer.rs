// The project's own `Mailer::new` and `spawn` are not actix's `HttpServer::new` nor
// `std::thread::spawn`.
pub struct Mailer;

impl Mailer {
    pub fn new() -> Self {
        Mailer
    }

    pub fn spawn(&self) {}
}

pub fn peer(r: &actix_web::HttpRequest) -> Option<String> {
    r.peer_addr().map(|a| a.to_string())
}
