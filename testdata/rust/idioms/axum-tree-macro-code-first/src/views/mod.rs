pub(crate) mod lots;
pub(crate) mod tree;

#[utoipa::path(get, path = "", responses((status = 200)))]
async fn health() -> &'static str {
    "ok"
}

crate::tree! {
    "/health" => health,
    &lots,
}
