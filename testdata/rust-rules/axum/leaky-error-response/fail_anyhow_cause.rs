// A method of the project that formats its cause into its failure (`{e}`) or hands on an
// error without a context: the text sent under a 500 is the cause's.
use anyhow::{anyhow, Context, Result};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;

pub struct Logs;

impl Logs {
    pub async fn read_worker_log(&self, path: String) -> Result<String> {
        tokio::fs::read_to_string(&path)
            .await
            .map_err(|e| anyhow!("Failed to read log file: {e}"))
    }

    pub async fn tail_worker_log(&self, path: String) -> Result<String> {
        let text = tokio::fs::read_to_string(&path).await?;
        let last = text.lines().last().context("Empty log")?;
        Ok(last.to_owned())
    }
}

pub async fn read_log(State(logs): State<std::sync::Arc<Logs>>, path: String) -> Response {
    match logs.read_worker_log(path).await {
        Ok(text) => text.into_response(),
        Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, Json(e.to_string())).into_response(), //~ leaky-error-response
    }
}

pub async fn tail_log(State(logs): State<std::sync::Arc<Logs>>, path: String) -> Response {
    match logs.tail_worker_log(path).await {
        Ok(text) => text.into_response(),
        Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, Json(e.to_string())).into_response(), //~ leaky-error-response
    }
}

impl Logs {
    pub async fn rotate_worker_log(&self, path: String) -> Result<()> {
        let meta = tokio::fs::metadata(&path).await.context("Failed to stat log")?;
        if let Err(rename_err) = std::fs::rename(&path, format!("{path}.{}", meta.len())) {
            anyhow::bail!("Failed to rotate {}: {}", path, rename_err);
        }
        Ok(())
    }

    pub async fn copy_worker_log(&self, path: String) -> Result<u64> {
        let _ = tokio::fs::metadata(&path).await.context("Failed to stat log")?;
        tokio::fs::copy(&path, "/tmp/log").await.map_err(Into::into)
    }
}

pub async fn rotate_log(State(logs): State<std::sync::Arc<Logs>>, path: String) -> Response {
    match logs.rotate_worker_log(path).await {
        Ok(()) => "ok".into_response(),
        Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, Json(e.to_string())).into_response(), //~ leaky-error-response
    }
}

pub async fn copy_log(State(logs): State<std::sync::Arc<Logs>>, path: String) -> Response {
    match logs.copy_worker_log(path).await {
        Ok(n) => n.to_string().into_response(),
        Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, Json(e.to_string())).into_response(), //~ leaky-error-response
    }
}
