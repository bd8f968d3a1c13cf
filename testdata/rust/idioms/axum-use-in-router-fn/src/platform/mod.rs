mod handlers;
mod router;

pub use handlers::*;
pub use router::*;
