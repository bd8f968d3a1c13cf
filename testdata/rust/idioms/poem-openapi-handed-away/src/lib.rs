use poem_openapi::{param::Path, payload::Json, OpenApi};

pub struct EntryApi;

#[OpenApi(prefix_path = "/entries")]
impl EntryApi {
    #[oai(path = "/:id", method = "get")]
    async fn entry(&self, id: Path<u64>) -> Json<u64> {
        Json(id.0)
    }

    #[oai(path = "/", method = "post")]
    async fn add(&self, amount: Json<i64>) -> Json<i64> {
        Json(amount.0)
    }
}

pub struct AccountApi;

#[OpenApi(prefix_path = "/accounts")]
impl AccountApi {
    #[oai(path = "/", method = "get")]
    async fn accounts(&self) -> Json<Vec<u64>> {
        Json(Vec::new())
    }
}

/// The host framework's module registry (a library's, not seen here).
pub async fn init(web: &host::WebServer) {
    web.add_module("ledger", (EntryApi, AccountApi)).await;
}
