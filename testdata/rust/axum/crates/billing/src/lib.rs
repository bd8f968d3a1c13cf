use axum::{routing::post, Router};

mod invoices;

pub fn router() -> Router {
    Router::new().route("/billing/invoices", post(invoices::create).get(invoices::list))
}
