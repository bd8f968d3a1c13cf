use actix_web::{web, App, HttpRequest, HttpResponse, HttpServer};

mod access;

use access::{
    create_admin_token, has_admin_key, may_view, member_of, unlock_token_from_headers,
    user_for_api_key, visitor,
};

/// The metrics answer 401 unless the admin key came in a header: the helper reads it and
/// says yes or no.
async fn metrics(req: HttpRequest) -> HttpResponse {
    if !has_admin_key(&req) {
        return HttpResponse::Unauthorized().finish();
    }
    HttpResponse::Ok().body("queue_depth 3")
}

#[derive(serde::Deserialize)]
struct HookQuery {
    key: String,
    dataset: String,
}

/// A webhook that finds its caller by the key in the query, and answers 403 to a caller
/// who is not a member.
async fn publish_hook(q: web::Query<HookQuery>) -> HttpResponse {
    let user = match user_for_api_key(&q.key).await {
        Ok(u) => u,
        Err(_) => return HttpResponse::BadRequest().finish(),
    };
    if !member_of(&user, &q.dataset) {
        return HttpResponse::Forbidden().finish();
    }
    HttpResponse::Ok().finish()
}

/// Who calls is read when credentials come, and everyone else is a visitor: the 403 is a
/// per-resource right, not a demand for credentials.
async fn board(req: HttpRequest, id: web::Path<String>) -> HttpResponse {
    let who = visitor(&req);
    if who.is_empty() && id.starts_with("private-") {
        return HttpResponse::Forbidden().finish();
    }
    HttpResponse::Ok().body(id.into_inner())
}

/// A shared link whose token is the capability: the unlock cookie is handed on to the
/// lookup, which decides; the 401 for a locked share is not a demand for credentials.
async fn shared(req: HttpRequest, token: web::Path<String>) -> HttpResponse {
    let unlock = unlock_token_from_headers(req.headers());
    match lookup_share(&token, unlock.as_deref()) {
        Some(item) => HttpResponse::Ok().body(item),
        None => HttpResponse::Unauthorized().finish(),
    }
}

fn lookup_share(token: &str, unlock: Option<&str>) -> Option<String> {
    (token.len() > 8 || unlock.is_some()).then(|| token.to_owned())
}

/// A yes or no about a caller who may be anonymous: the 403 is a per-resource right.
async fn board_page(req: HttpRequest, id: web::Path<String>) -> HttpResponse {
    if !may_view(&req, id.starts_with("pub-")) {
        return HttpResponse::Forbidden().finish();
    }
    HttpResponse::Ok().finish()
}

/// Making a token from the key the caller brings is signing in, not a check of a caller.
async fn operator_token(req: HttpRequest) -> HttpResponse {
    match create_admin_token(&req) {
        Ok(t) => HttpResponse::Ok().body(t),
        Err(_) => HttpResponse::Unauthorized().finish(),
    }
}

/// A 401 for a missing body field reads no credentials.
async fn ping(body: String) -> HttpResponse {
    if body.is_empty() {
        return HttpResponse::Unauthorized().finish();
    }
    HttpResponse::Ok().finish()
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    HttpServer::new(|| {
        App::new()
            .route("/metrics", web::get().to(metrics))
            .route("/hooks/publish", web::post().to(publish_hook))
            .route("/boards/{id}", web::get().to(board))
            .route("/ping", web::post().to(ping))
            .route("/s/{token}", web::get().to(shared))
            .route("/pages/{id}", web::get().to(board_page))
            .route("/operator/token", web::post().to(operator_token))
    })
    .bind(("0.0.0.0", 8080))?
    .run()
    .await
}
