// Errors of parsing or converting a value describe the value (the client's own header,
// a setting), not the server's internals: their text in a 500 is not a leak.
use actix_web::{error, get, web, HttpRequest, HttpResponse};
use std::str::FromStr;

#[get("/expire")]
async fn expire(req: HttpRequest) -> Result<HttpResponse, error::Error> {
    let raw = req.headers().get("expire").and_then(|v| v.to_str().ok()).unwrap_or("1h");
    let ttl = humantime::parse_duration(raw).map_err(error::ErrorInternalServerError)?;
    Ok(HttpResponse::Ok().body(ttl.as_secs().to_string()))
}

#[get("/limit")]
async fn limit(cfg: web::Data<Settings>) -> Result<HttpResponse, error::Error> {
    let max: usize = cfg.max_length.try_into().map_err(error::ErrorInternalServerError)?;
    let files = glob::glob(&cfg.pattern).map_err(|e| error::ErrorInternalServerError(e))?;
    Ok(HttpResponse::Ok().body(format!("{max} {}", files.count())))
}

#[get("/port/{p}")]
async fn port(p: web::Path<String>) -> HttpResponse {
    match u16::from_str(&p) {
        Ok(n) => HttpResponse::Ok().body(n.to_string()),
        Err(e) => HttpResponse::InternalServerError().body(e.to_string()),
    }
}

pub struct Settings {
    max_length: u64,
    pattern: String,
}

// Metrics encoded into the server's own buffer fail only with a formatting error, whose text
// is fixed.
#[get("/metrics")]
async fn metrics(reg: web::Data<Registry>) -> Result<HttpResponse, error::Error> {
    let mut body = String::new();
    prometheus_client::encoding::text::encode(&mut body, &reg)
        .map_err(|e| error::ErrorInternalServerError(e))?;
    Ok(HttpResponse::Ok().body(body))
}

#[get("/metrics/families")]
async fn families(reg: web::Data<Registry>) -> HttpResponse {
    let mut buffer = Vec::new();
    if let Err(err) = TextEncoder::new().encode(&reg.gather(), &mut buffer) {
        return HttpResponse::InternalServerError().body(format!("encoding failed: {err:?}"));
    }
    HttpResponse::Ok().body(buffer)
}
