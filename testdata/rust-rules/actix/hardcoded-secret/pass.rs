use actix_session::{storage::CookieSessionStore, SessionMiddleware};
use actix_web::cookie::Key;
use actix_web::{App, HttpServer};

pub async fn run() -> std::io::Result<()> {
    let key = match std::env::var("SESSION_KEY") {
        Ok(k) => Key::from(k.as_bytes()),
        Err(_) => Key::generate(),
    };
    HttpServer::new(move || {
        App::new().wrap(SessionMiddleware::new(
            CookieSessionStore::default(),
            key.clone(),
        ))
    })
    .bind(("127.0.0.1", 8080))?
    .run()
    .await
}

#[test]
fn signs() {
    let key = Key::from(&[0; 64]);
    let _ = key;
}
