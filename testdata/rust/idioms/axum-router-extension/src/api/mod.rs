//! A library crate whose root is `mod.rs` beside its manifest, below the workspace's `src/`.
mod client;
mod router;

pub(crate) use self::router::Typed;
pub use router::build;
