// Helpers of the test suite, in a module named for it though not under `cfg(test)`.
pub mod tests;
