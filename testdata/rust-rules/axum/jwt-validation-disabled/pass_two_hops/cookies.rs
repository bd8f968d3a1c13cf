use axum::http::HeaderMap;

use crate::token::{extract, Claims};

pub struct Cookies<'a> {
    pub secret: &'a [u8],
}

impl Cookies<'_> {
    /// The session cookie's claims, signature checked.
    pub fn from_cookie(&self, headers: &HeaderMap) -> Result<Claims, String> {
        let raw = headers
            .get("cookie")
            .and_then(|v| v.to_str().ok())
            .and_then(|c| c.strip_prefix("session="))
            .ok_or("no session")?;
        extract(raw, self.secret)
    }
}
