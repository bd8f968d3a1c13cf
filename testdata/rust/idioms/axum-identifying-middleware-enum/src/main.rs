use axum::extract::{Extension, Request};
use axum::http::{HeaderMap, StatusCode};
use axum::middleware::{from_fn, Next};
use axum::response::Response;
use axum::routing::get;
use axum::Router;

#[derive(Clone)]
pub struct Account {
    pub name: String,
}

/// Who called: the gateway names the account in a header; nothing there is a stranger.
#[derive(Clone)]
pub enum Visitor {
    Anonymous,
    Member(Account),
    Service,
}

async fn identify(headers: &HeaderMap) -> Result<Visitor, StatusCode> {
    let Some(user) = headers.get("x-remote-user") else {
        if headers.contains_key("x-service") {
            return Ok(Visitor::Service);
        }
        return Ok(Visitor::Anonymous);
    };
    let name = user.to_str().map_err(|_| StatusCode::BAD_REQUEST)?;
    Ok(Visitor::Member(Account { name: name.to_owned() }))
}

/// Attaches who called; turns no one away (each handler decides).
async fn authentication_middleware(mut req: Request, next: Next) -> Result<Response, StatusCode> {
    let visitor = identify(req.headers()).await?;
    req.extensions_mut().insert(visitor);
    Ok(next.run(req).await)
}

/// Why a caller is turned away (answered 401 by its `IntoResponse`).
pub enum LedgerError {
    NotSignedIn,
    BadHeader,
}

impl axum::response::IntoResponse for LedgerError {
    fn into_response(self) -> Response {
        match self {
            LedgerError::NotSignedIn => StatusCode::UNAUTHORIZED.into_response(),
            LedgerError::BadHeader => StatusCode::BAD_REQUEST.into_response(),
        }
    }
}

/// The same helper, but strangers are turned away here: auth required, whoever gives the
/// variant for no one.
async fn auth_required(mut req: Request, next: Next) -> Result<Response, LedgerError> {
    let visitor = identify(req.headers()).await.map_err(|_| LedgerError::BadHeader)?;
    match visitor {
        Visitor::Anonymous => return Err(LedgerError::NotSignedIn),
        other => {
            req.extensions_mut().insert(other);
        }
    }
    Ok(next.run(req).await)
}

/// Keeps only members, refusing the others in an `else`: auth required.
async fn member_auth(mut req: Request, next: Next) -> Result<Response, LedgerError> {
    let visitor = identify(req.headers()).await.map_err(|_| LedgerError::BadHeader)?;
    let Visitor::Member(account) = visitor else {
        return Err(LedgerError::NotSignedIn);
    };
    req.extensions_mut().insert(account);
    Ok(next.run(req).await)
}

async fn balance() -> &'static str {
    "0"
}

async fn entries() -> &'static str {
    "[]"
}

async fn health() -> &'static str {
    "ok"
}

async fn ledger(Extension(visitor): Extension<Visitor>) -> String {
    match visitor {
        Visitor::Member(a) => format!("ledger of {}", a.name),
        _ => "public ledger".to_string(),
    }
}

#[tokio::main]
async fn main() {
    let members = Router::new()
        .route("/ledger/entries", get(entries))
        .layer(from_fn(auth_required))
        .route("/ledger/balance", get(balance).layer(from_fn(member_auth)));
    let app = Router::new()
        .merge(members)
        .route("/health", get(health))
        .route("/ledger", get(ledger))
        .layer(from_fn(authentication_middleware));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:3000").await.unwrap();
    axum::serve(listener, app).await.unwrap();
}
