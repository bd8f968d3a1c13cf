use utoipa::OpenApi as _;
use utoipa_scalar::{Scalar, Servable as _};

use crate::DepotApi;

pub fn reference_page() -> Scalar<utoipa::openapi::OpenApi> {
    Scalar::with_url("/reference", DepotApi::openapi())
}
