//! `leaky-error-response`: an error's text in a response that is not a 4xx.
//!
//! A data-flow rule: the engine (`flow.rs`) follows error values to the responses built
//! from them; this file says which files can hold such a response.

use crate::Rule;

const MARKERS: &[&str] = &[
    "StatusCode",
    "HttpResponse",
    "Status::",
    "IntoResponse",
    "ResponseError",
    "Responder",
    "ErrorInternalServerError",
];

/// The leak rule's second look at a file its markers let through: `Status::` counts only as
/// a type of its own (`Status::InternalServerError`, `http::Status::`), not as the end of
/// another name (`UpdateStatus::Completed` in a codebase's own enums).
pub(crate) fn worth_parsing(bytes: &[u8], has: &dyn Fn(&str) -> bool) -> bool {
    MARKERS.iter().filter(|m| **m != "Status::").any(|m| has(m))
        || memchr::memmem::find_iter(bytes, b"Status::")
            .any(|i| i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_'))
}

pub(crate) struct LeakyErrorResponse;

impl super::RustRule for LeakyErrorResponse {
    fn rule(&self) -> Rule {
        Rule::LeakyErrorResponse
    }

    fn markers(&self) -> &'static [&'static str] {
        MARKERS
    }

    fn worth_parsing(&self, bytes: &[u8], has: &dyn Fn(&str) -> bool) -> bool {
        worth_parsing(bytes, has)
    }

    fn data_flow(&self) -> bool {
        true
    }
}
