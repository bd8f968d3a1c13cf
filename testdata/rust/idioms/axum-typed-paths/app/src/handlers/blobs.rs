use axum::Router;
use axum_extra::routing::RouterExt;
use site_paths::routes::blobs::{Blob, Key};

use crate::auth::Session;

pub trait Named {
    fn name(&self) -> &str;
}

impl Named for Blob {
    fn name(&self) -> &str {
        &self.name
    }
}

impl Named for Key {
    fn name(&self) -> &str {
        &self.name
    }
}

// A generic handler: its parameter's type is the one the registration's turbofish names.
pub async fn size<P: Named>(path: P, _session: Session) -> String {
    path.name().len().to_string()
}

pub fn routes() -> Router {
    Router::new()
        .typed_head(size::<Blob>)
        .typed_get(size::<Key>)
}
