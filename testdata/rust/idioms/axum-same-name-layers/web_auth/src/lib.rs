mod middleware;
pub use middleware::*;
