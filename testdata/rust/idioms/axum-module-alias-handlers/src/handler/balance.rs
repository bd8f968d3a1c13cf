use axum::extract::Path;

pub async fn get_address_balance(Path(address): Path<String>) -> String {
    format!("0 for {address}")
}
