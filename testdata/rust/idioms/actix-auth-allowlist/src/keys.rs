use actix_web::dev::{Service, ServiceRequest, Transform};
use actix_web::error::ErrorUnauthorized;

#[derive(Clone)]
pub struct ExemptPath(String, bool);

impl ExemptPath {
    pub fn exact(p: &str) -> Self {
        ExemptPath(p.to_string(), false)
    }
    pub fn prefix(p: &str) -> Self {
        ExemptPath(p.to_string(), true)
    }
}

pub struct KeyCheck {
    key: Option<String>,
    open: Vec<ExemptPath>,
}

impl KeyCheck {
    pub fn new(key: Option<String>, open: Vec<ExemptPath>) -> Self {
        KeyCheck { key, open }
    }
    pub fn skip_path(mut self, p: &str) -> Self {
        self.open.push(ExemptPath::exact(p));
        self
    }
}

impl<S, B> Transform<S, ServiceRequest> for KeyCheck {
    fn new_transform(&self, service: S) -> Self::Future {
        // Reads the `Authorization` header and answers 401 without the key.
        let header = req.headers().get("Authorization");
        if header.is_none() {
            return Err(ErrorUnauthorized("api key required"));
        }
        todo!()
    }
}
