use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

pub struct Row {
    pub id: u64,
    pub name: String,
}

/// Encodes the server's own rows into a buffer of its own: its errors are formatting
/// errors, fixed text.
fn rows_to_csv(rows: &[Row]) -> Result<String, Box<dyn std::error::Error>> {
    let mut out = csv::Writer::from_writer(vec![]);
    for r in rows {
        out.write_record([r.id.to_string(), r.name.clone()])?;
    }
    Ok(String::from_utf8(out.into_inner()?)?)
}

pub async fn export() -> Response {
    let rows = vec![Row { id: 1, name: "a".into() }];
    match rows_to_csv(&rows) {
        Ok(csv) => (StatusCode::OK, csv).into_response(),
        Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response(),
    }
}
