use actix_web::error::ErrorInternalServerError;
use actix_web::http::StatusCode;
use actix_web::{get, web, HttpResponse, ResponseError};
use std::fmt;

/// An error that is only a status: its body is the status's own text.
#[derive(Debug)]
pub struct Refused {
    pub code: StatusCode,
}

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.code)
    }
}

impl ResponseError for Refused {
    fn status_code(&self) -> StatusCode {
        self.code
    }
    fn error_response(&self) -> HttpResponse {
        HttpResponse::build(self.code).body(self.code.to_string())
    }
}

/// The answer comes back from a worker over a oneshot channel: the only error is that the
/// channel closed.
#[get("/render/{page}")]
async fn render(page: web::Path<String>) -> actix_web::Result<HttpResponse> {
    let (done_tx, done_rx) = tokio::sync::oneshot::channel::<String>();
    tokio::spawn(async move {
        let _ = done_tx.send(page.into_inner());
    });
    let html = done_rx.await.map_err(ErrorInternalServerError)?;
    Ok(HttpResponse::Ok().body(html))
}

#[get("/queue/{job}")]
async fn queue(job: web::Path<String>) -> HttpResponse {
    let (jobs, mut results) = tokio::sync::mpsc::channel::<String>(4);
    if let Err(e) = jobs.send(job.into_inner()).await {
        return HttpResponse::InternalServerError().body(e.to_string());
    }
    match results.recv().await {
        Some(r) => HttpResponse::Ok().body(r),
        None => HttpResponse::InternalServerError().finish(),
    }
}
