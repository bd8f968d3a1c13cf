use actix_session::{storage::CookieSessionStore, SessionMiddleware};
use actix_web::cookie::Key;
use actix_web::{App, HttpServer};

static SESSION_SIGNING_KEY: &[u8] = &[0; 64];

pub async fn run() -> std::io::Result<()> {
    let key = Key::from(SESSION_SIGNING_KEY); //~ hardcoded-secret
    HttpServer::new(move || {
        App::new().wrap(SessionMiddleware::new(
            CookieSessionStore::default(),
            Key::from(&[1; 64]), //~ hardcoded-secret
        ))
    })
    .bind(("127.0.0.1", 8080))?
    .run()
    .await
}

pub fn validator_key() -> jsonwebtoken::DecodingKey {
    jsonwebtoken::DecodingKey::from_base64_secret("c2VjcmV0").unwrap() //~ hardcoded-secret
}
