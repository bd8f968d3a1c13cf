mod sign_in;
mod tokens;

pub use sign_in::*;
pub use tokens::*;
