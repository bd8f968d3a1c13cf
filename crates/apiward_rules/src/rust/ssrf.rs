//! `ssrf`: an outgoing request whose URL starts with request text (its host is chosen by
//! the client) and that was never host-checked.
//!
//! A data-flow rule: the engine (`flow.rs`) follows request values from the handlers'
//! extractors; this file says which files can hold the rule's sources and sinks.

use super::flow::SOURCE_MARKERS;
use crate::Rule;

pub(crate) struct Ssrf;

impl super::RustRule for Ssrf {
    fn rule(&self) -> Rule {
        Rule::Ssrf
    }

    /// The request extractors of handlers, where the values come from.
    fn markers(&self) -> &'static [&'static str] {
        SOURCE_MARKERS
    }

    fn data_flow(&self) -> bool {
        true
    }

    fn sink_markers(&self) -> &'static [&'static str] {
        &[
            "reqwest",
            "ureq",
            "surf",
            "hyper",
            "awc",
            "isahc",
            "attohttpc",
            "Client",
            "uri(",
            "client",
            "http",
        ]
    }
}
