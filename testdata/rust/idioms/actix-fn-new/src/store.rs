// A `new` of the project's own is not `HttpServer::new`.
pub struct Store;

impl Store {
    pub fn new() -> Self {
        Store
    }
}

pub fn peer(r: &actix_web::HttpRequest) -> Option<String> {
    r.peer_addr().map(|a| a.to_string())
}
