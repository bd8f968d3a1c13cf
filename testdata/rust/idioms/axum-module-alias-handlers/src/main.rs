use axum::{routing::get, Router};

mod handler;

// Handler modules imported under other names, in one group.
use crate::handler::{balance as balance_handlers, pos as pos_handlers};

#[tokio::main]
async fn main() {
    let app = Router::new()
        .route("/account/:address", get(balance_handlers::get_address_balance))
        .route("/pos/validators", get(pos_handlers::list_validators));
    let listener = tokio::net::TcpListener::bind("0.0.0.0:3000").await.unwrap();
    axum::serve(listener, app).await.unwrap();
}
