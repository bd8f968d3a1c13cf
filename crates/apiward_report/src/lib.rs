//! Report renderers (to be written).
