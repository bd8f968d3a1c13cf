use crate::Session;
use axum::Extension;

/// The sign-in handler takes the (anonymous) session it fills in: it serves callers who have
/// no identity yet.
pub async fn handler(Extension(mut session): Extension<Session>) -> String {
    session.level = 1;
    String::new()
}
