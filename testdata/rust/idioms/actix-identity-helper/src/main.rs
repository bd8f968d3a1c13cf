mod caller;

use actix_web::{web, App, Error, HttpRequest, HttpServer};
use caller::{require_owner, visible_items, who_is_calling, Caller};

async fn list_items(req: HttpRequest) -> Result<String, Error> {
    let items = visible_items(req.headers())?;
    Ok(format!("{items:?}"))
}

async fn show_item(req: HttpRequest, id: web::Path<u32>) -> Result<String, Error> {
    let caller = who_is_calling(req.headers())?;
    let who = match caller {
        Caller::Named(n) => n,
        Caller::Anonymous => "anyone".into(),
    };
    Ok(format!("{} for {who}", id.into_inner()))
}

async fn delete_item(req: HttpRequest, id: web::Path<u32>) -> Result<String, Error> {
    let caller = who_is_calling(req.headers())?;
    require_owner(&caller, *id)?;
    Ok("gone".into())
}

async fn ping() -> &'static str {
    "pong"
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    HttpServer::new(|| {
        App::new()
            .route("/items", web::get().to(list_items))
            .route("/items/{id}", web::get().to(show_item))
            .route("/items/{id}", web::delete().to(delete_item))
            .route("/ping", web::get().to(ping))
    })
    .bind(("127.0.0.1", 8080))?
    .run()
    .await
}
