pub(crate) use super::prelude;

pub(crate) mod role;
pub(crate) mod task;
