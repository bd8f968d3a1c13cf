//! `uncontrolled-allocation`: an allocation or repetition sized by a request number that was
//! never bounded (`min`, `clamp`, a comparison, `%`, a narrow cast).
//!
//! A data-flow rule: the engine (`flow.rs`) follows request values from the handlers'
//! extractors; this file says which files can hold the rule's sources and sinks.

use super::flow::SOURCE_MARKERS;
use crate::Rule;

pub(crate) struct UncontrolledAllocation;

impl super::RustRule for UncontrolledAllocation {
    fn rule(&self) -> Rule {
        Rule::UncontrolledAllocation
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
            "with_capacity",
            "vec![",
            "repeat",
            "reserve",
            "resize",
            "take(",
            "zeroed",
            "0..",
            "[0",
            "from_elem",
        ]
    }
}
