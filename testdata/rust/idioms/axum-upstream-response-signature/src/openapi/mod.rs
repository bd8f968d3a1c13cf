use utoipa_scalar::{Scalar, Servable as _};
pub fn serve_docs() -> Scalar<utoipa::openapi::OpenApi> {
  Scalar::with_url("/docs", ApiDoc::openapi())
    .custom_html(include_str!("docs.html"))
}
