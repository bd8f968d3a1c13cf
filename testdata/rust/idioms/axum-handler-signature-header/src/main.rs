use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::{get, put};
use axum::{Json, Router};

/// The header a node signs its reports with.
const SIGNATURE: &str = "X-Node-Signature";

#[derive(Clone, Default)]
struct Registry {
    keys: Vec<String>,
}

/// A node's report, signed by the node's key; 400 without a signature, 401 with a wrong one.
async fn update_report(
    State(reg): State<Registry>,
    headers: HeaderMap,
    Json(report): Json<String>,
) -> Result<StatusCode, StatusCode> {
    let signature = headers
        .get(SIGNATURE)
        .ok_or(StatusCode::BAD_REQUEST)?
        .to_str()
        .map_err(|_| StatusCode::BAD_REQUEST)?;
    if !reg.keys.iter().any(|k| signature.starts_with(k.as_str())) {
        return Err(StatusCode::UNAUTHORIZED);
    }
    let _ = report;
    Ok(StatusCode::NO_CONTENT)
}

async fn report(Path(id): Path<u64>) -> String {
    id.to_string()
}

#[tokio::main]
async fn main() {
    let app = Router::new()
        .route("/v1/reports", put(update_report))
        .route("/v1/reports/{id}", get(report))
        .with_state(Registry::default());
    let listener = tokio::net::TcpListener::bind("0.0.0.0:8080").await.unwrap();
    axum::serve(listener, app).await.unwrap();
}
