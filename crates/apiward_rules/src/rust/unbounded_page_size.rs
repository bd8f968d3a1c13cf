//! `unbounded-page-size`: a pagination field of a query (`limit`, `per_page`, …) read and never
//! bounded in the handler or the helper it is passed to, nor by a validation bound on the
//! struct field it is read from or put into.
//!
//! A data-flow rule: the engine (`flow.rs`) follows request values from the handlers'
//! extractors; this file says which files can hold the rule's sources and sinks.

use super::flow::SOURCE_MARKERS;
use crate::Rule;

pub(crate) struct UnboundedPageSize;

impl super::RustRule for UnboundedPageSize {
    fn rule(&self) -> Rule {
        Rule::UnboundedPageSize
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
            "bind",
            "limit",
            "query!",
            "query_as!",
            "LIMIT",
            "per_page",
            "page_size",
        ]
    }
}
