use actix_web::{delete, get, patch, web, HttpRequest, HttpResponse};

use crate::auth::{member_from_request, trace_id, LookupError};

pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.service(notes_delete)
        .service(notes_list)
        .service(note_edit)
        .service(traced)
        .service(reindex)
        .service(peers)
        .service(kinds);
}

// A session check whose failure only decides what more is shown (`.is_ok()` in a
// condition with no `else`).
pub fn visible_kinds(req: &HttpRequest, session: Option<u64>) -> Vec<&'static str> {
    let mut v = vec!["public"];
    if session.is_some() && crate::auth::authorize_session(req).is_ok() {
        v.push("private");
    }
    v
}

#[get("/kinds")]
pub async fn kinds(req: HttpRequest) -> HttpResponse {
    let session = req.cookie("session").map(|_| 1);
    HttpResponse::Ok().body(visible_kinds(&req, session).join(","))
}

pub enum NoteVisibility {
    Public,
    Hidden,
}

// The check two calls down fails the handler with a 401.
#[delete("/notes")]
pub async fn notes_delete(req: HttpRequest) -> Result<HttpResponse, LookupError> {
    let member = member_from_request(&req).await?;
    Ok(HttpResponse::Ok().body(member.id.to_string()))
}

// Who calls is looked up but a failure is let pass: anyone is served.
#[get("/notes")]
pub async fn notes_list(req: HttpRequest) -> HttpResponse {
    let member = member_from_request(&req).await.ok();
    HttpResponse::Ok().body(member.map(|m| m.id).unwrap_or(0).to_string())
}

// The work handed to a function of the project that looks the caller up first.
// (A note's own visibility, `NoteVisibility::Public`, is no anonymous caller.)
pub async fn note_edit_inner(req: HttpRequest, body: String) -> Result<HttpResponse, LookupError> {
    let member = member_from_request(&req).await?;
    let shown = match NoteVisibility::Public {
        NoteVisibility::Public => "shown",
        NoteVisibility::Hidden => "hidden",
    };
    Ok(HttpResponse::Ok().body(format!("{}{body}{shown}", member.id)))
}

// Who calls is read, a failure turned into no one (`.map(..).ok()`).
pub async fn note_get(req: HttpRequest) -> HttpResponse {
    let id = member_from_request(&req).await.map(|m| m.id).ok();
    HttpResponse::Ok().body(id.unwrap_or(0).to_string())
}

// A guard comparing a header to a configured key: only callers holding it reach the route.
pub fn admin_key_guard(ctx: &actix_web::guard::GuardContext) -> bool {
    let expected = std::env::var("ADMIN_KEY").unwrap_or_default();
    ctx.head()
        .headers()
        .get("X-Admin-Key")
        .is_some_and(|v| v.as_bytes() == expected.as_bytes())
}

// A guard on the peer's network: no credential.
pub fn internal_network_guard(ctx: &actix_web::guard::GuardContext) -> bool {
    ctx.head().peer_addr.is_some_and(|a| a.ip().is_loopback())
}

#[actix_web::post("/reindex", guard = "admin_key_guard")]
pub async fn reindex() -> HttpResponse {
    HttpResponse::Accepted().finish()
}

#[get("/peers", guard = "internal_network_guard")]
pub async fn peers() -> HttpResponse {
    HttpResponse::Ok().finish()
}

#[patch("/notes/{id}")]
pub async fn note_edit(req: HttpRequest, body: String) -> Result<HttpResponse, LookupError> {
    note_edit_inner(req, body).await
}

// A header read whose error answers 500: not a credential check.
#[get("/traced")]
pub async fn traced(req: HttpRequest) -> Result<HttpResponse, crate::auth::TraceError> {
    let id = trace_id(&req)?;
    Ok(HttpResponse::Ok().body(id))
}
