mod handlers;
mod router;
mod stats;

pub use handlers::*;
pub use router::*;
