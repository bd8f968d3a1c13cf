pub mod balance;
pub mod pos;
