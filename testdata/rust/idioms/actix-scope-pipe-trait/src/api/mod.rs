use actix_web::{web, Scope};

use crate::web::ScopeExt;

pub mod invoices;
pub mod orders;

pub const API_PATH: &str = "/ledger/v2";

pub fn scope() -> Scope {
    web::scope(API_PATH)
        .with(orders::register)
        .with(invoices::register)
}
