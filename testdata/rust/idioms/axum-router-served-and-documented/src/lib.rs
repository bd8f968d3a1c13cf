pub mod cli;
pub mod web;
