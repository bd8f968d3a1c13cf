// A method of the project whose every failure is a context phrase (`.context("...")`):
// `anyhow::Error`'s `Display` shows only the outermost message, so the text sent under a 500
// is that phrase, not the cause's.
use anyhow::{Context, Result};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;

pub struct Processes;

impl Processes {
    pub async fn launch_worker(&self, command: String) -> Result<u32> {
        let child = tokio::process::Command::new(command)
            .spawn()
            .context("Failed to spawn process")?;
        let pid = child.id().context("Failed to get child PID")?;
        Ok(pid)
    }
}

pub async fn launch(State(processes): State<std::sync::Arc<Processes>>, command: String) -> Response {
    match processes.launch_worker(command).await {
        Ok(pid) => pid.to_string().into_response(),
        Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, Json(e.to_string())).into_response(),
    }
}
