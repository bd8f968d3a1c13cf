use std::convert::Infallible;

use axum::extract::FromRequestParts;
use axum::http::{header::COOKIE, request::Parts};

/// The request's cookies; never turns a request away.
pub struct CookieJar {
    raw: Option<String>,
}

pub struct SessionInfo(pub Option<String>);

impl<S: Send + Sync> FromRequestParts<S> for CookieJar {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let raw = parts
            .headers
            .get(COOKIE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        Ok(CookieJar { raw })
    }
}

impl CookieJar {
    pub fn csrf_token(self) -> (String, Self) {
        ("token".into(), self)
    }

    pub fn verify_form(&self, form: String) -> Result<String, String> {
        if self.raw.is_some() { Ok(form) } else { Err(form) }
    }

    pub fn session_info(self) -> (SessionInfo, Self) {
        let s = self.raw.clone();
        (SessionInfo(s), self)
    }
}

/// A sign-up flow's state, kept in a cookie between its steps.
pub struct SignUpFlows(pub Vec<String>);

impl SignUpFlows {
    pub fn load(jar: &CookieJar) -> Self {
        SignUpFlows(jar.raw.iter().cloned().collect())
    }
}
