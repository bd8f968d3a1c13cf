//! `sql-injection`: SQL text built from request text (`sqlx::query(&sql)`, `.execute(sql)`,
//! `sql_query`, `QueryBuilder::push`).
//!
//! A data-flow rule: the engine (`flow.rs`) follows request values from the handlers'
//! extractors; this file says which files can hold the rule's sources and sinks.

use super::flow::SOURCE_MARKERS;
use crate::Rule;

pub(crate) struct SqlInjection;

impl super::RustRule for SqlInjection {
    fn rule(&self) -> Rule {
        Rule::SqlInjection
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
            "sqlx",
            "query",
            "execute",
            "sql",
            "QueryBuilder",
            "prepare",
            "exec",
        ]
    }
}
