//! The permission check, and a macro that builds its layer for one permission.
use std::sync::Arc;

use axum::{
    extract::{Request, State},
    http::StatusCode,
    middleware::Next,
    response::Response,
};

use crate::{AppState, Permission};

#[macro_export]
macro_rules! permission_layer {
    ($state:expr, $permission:expr) => {{
        let state = ::std::sync::Arc::clone($state);
        ::axum::middleware::from_fn_with_state(state, move |state, request, next| {
            $crate::auth::require_permission($permission, state, request, next)
        })
    }};
}

/// Reads the bearer token, answers 401 without one and 403 without the permission.
pub async fn require_permission(
    permission: Permission,
    State(state): State<Arc<AppState>>,
    request: Request,
    next: Next,
) -> Result<Response, StatusCode> {
    let token = request
        .headers()
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .ok_or(StatusCode::UNAUTHORIZED)?;
    if !state.grants(token, permission) {
        return Err(StatusCode::FORBIDDEN);
    }
    Ok(next.run(request).await)
}
