pub mod account;
pub mod login;
pub mod sign_up;
