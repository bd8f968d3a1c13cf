pub mod teams;
pub mod things;

use axum_extra::routing::TypedPath;

#[derive(TypedPath)]
#[typed_path("/health")]
pub struct Health;

pub async fn health(_path: Health) -> &'static str {
    "ok"
}

// Its path type comes from a crate that is not part of the project: not resolved.
pub async fn elsewhere(_p: vendor_paths::Status) -> &'static str {
    "ok"
}
