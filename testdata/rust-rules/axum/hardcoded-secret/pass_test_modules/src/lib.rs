// Modules compiled only for tests (or a test feature), declared here and written in
// their own files.
pub mod api;
#[cfg(test)]
mod replay;
#[cfg(any(test, feature = "test-helpers"))]
pub mod signing_keys;
pub mod test_keys;
