use poem_openapi::{auth::Bearer, param::Path, payload::Json, OpenApi, SecurityScheme};

#[derive(SecurityScheme)]
#[oai(ty = "bearer")]
pub struct StaffToken(Bearer);

pub struct BookApi;

#[OpenApi(prefix_path = "/books")]
impl BookApi {
    #[oai(path = "/", method = "get")]
    async fn list(&self) -> Json<Vec<String>> {
        Json(Vec::new())
    }

    #[oai(path = "/:id", method = "get")]
    async fn one(&self, id: Path<u64>) -> Json<String> {
        Json(id.0.to_string())
    }

    #[oai(path = "/:id", method = "delete")]
    async fn remove(&self, _auth: StaffToken, id: Path<u64>) -> Json<u64> {
        Json(id.0)
    }
}

pub struct ShelfApi {
    pub capacity: usize,
}

#[OpenApi]
impl ShelfApi {
    #[oai(path = "/shelves", method = "post")]
    async fn create(&self, _auth: StaffToken) -> Json<usize> {
        Json(self.capacity)
    }

    /// Not an operation: no `#[oai]`.
    fn helper(&self) -> usize {
        self.capacity
    }
}

/// An API nobody serves.
pub struct DraftApi;

#[OpenApi]
impl DraftApi {
    #[oai(path = "/drafts", method = "get")]
    async fn drafts(&self) -> Json<u8> {
        Json(0)
    }
}

pub struct StatusApi;

#[OpenApi]
impl StatusApi {
    #[oai(path = "/status", method = "get")]
    async fn status(&self) -> Json<bool> {
        Json(true)
    }
}

/// The operational APIs, given to their service by a function.
pub fn ops() -> impl OpenApi {
    (StatusApi,)
}
