mod rooms;
mod version;

pub(super) use rooms::*;
pub(super) use version::*;
