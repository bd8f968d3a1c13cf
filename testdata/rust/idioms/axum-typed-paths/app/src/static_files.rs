use axum_extra::routing::TypedPath;
use serde::Deserialize;

// The path type next to its handler, with a catch-all segment.
#[derive(TypedPath, Deserialize)]
#[typed_path("/assets/{*file}")]
pub struct AssetPath {
    pub file: String,
}

pub async fn serve(AssetPath { file }: AssetPath) -> String {
    file
}
