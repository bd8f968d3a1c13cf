//! OpenAPI documents as a located tree and a version-neutral model.
pub mod json;
pub mod load;
pub mod model;
pub mod tree;
pub mod yaml;
