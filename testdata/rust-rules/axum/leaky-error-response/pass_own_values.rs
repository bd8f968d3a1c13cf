use axum::body::Body;
use axum::extract::Path;
use axum::http::{header, StatusCode};
use axum::response::Response;
use serde::Serialize;

#[derive(Serialize)]
struct Cursor {
    offset: u64,
    scope: String,
}

/// The server's own struct serialized into memory: its errors are the format's fixed text.
pub async fn next_page(Path(scope): Path<String>) -> Result<String, (StatusCode, String)> {
    let cursor = Cursor { offset: 20, scope };
    let bytes = serde_json::to_vec(&cursor)
        .map_err(|err| (StatusCode::INTERNAL_SERVER_ERROR, format!("cursor encoding failed: {err}")))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

pub async fn packed(Path(scope): Path<String>) -> Response {
    match rmp_serde::to_vec_named(&Cursor { offset: 0, scope }) {
        Ok(body) => Response::new(Body::from(body)),
        Err(err) => (StatusCode::INTERNAL_SERVER_ERROR, format!("packing failed: {err}")).into_response(),
    }
}

/// Building the server's own response: the builder's error names the invalid part only.
pub async fn picture() -> Result<Response, (StatusCode, String)> {
    let svg = String::from("<svg/>");
    Response::builder()
        .header(header::CONTENT_TYPE, "image/svg+xml")
        .body(Body::from(svg))
        .map_err(|err| (StatusCode::INTERNAL_SERVER_ERROR, err.to_string()))
}

pub struct Slug(String);

impl Slug {
    pub fn parse(text: &str) -> Result<Slug, String> {
        if text.is_empty() {
            return Err(format!("empty slug in {text:?}"));
        }
        Ok(Slug(text.to_owned()))
    }
}

/// A project type's `parse` of text, its value mapped: its error describes the text.
pub async fn slugs(Path(list): Path<String>) -> Result<String, (StatusCode, String)> {
    let names: Result<Vec<usize>, _> = list
        .split(',')
        .map(|s| {
            Slug::parse(s)
                .map(|slug| slug.0.len())
                .map_err(|err| (StatusCode::INTERNAL_SERVER_ERROR, format!("slug is invalid: {err}")))
        })
        .collect();
    Ok(names?.len().to_string())
}
