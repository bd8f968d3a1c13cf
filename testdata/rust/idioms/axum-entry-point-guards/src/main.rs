use axum::{
    extract::{Path, State},
    http::{HeaderMap, StatusCode},
    routing::{get, post, put},
    Json, Router,
};

#[derive(Clone)]
struct Store;

impl Store {
    async fn verify_api_key(&self, key: &str) -> Result<bool, StatusCode> {
        Ok(!key.is_empty())
    }
    async fn first_login_done(&self, user: i64) -> Result<bool, StatusCode> {
        Ok(user > 0)
    }
    fn role_of(&self, token: &str) -> Result<String, StatusCode> {
        if token.is_empty() {
            Err(StatusCode::UNAUTHORIZED)
        } else {
            Ok("admin".into())
        }
    }
    fn password_matches(&self, user: &str, password: &str) -> bool {
        user.len() == password.len()
    }
}

fn api_key(headers: &HeaderMap) -> Result<String, StatusCode> {
    headers
        .get("Api-Key")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
        .ok_or(StatusCode::UNAUTHORIZED)
}

async fn admin_guard(store: &Store, headers: &HeaderMap) -> Result<(), StatusCode> {
    let token = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .ok_or(StatusCode::UNAUTHORIZED)?;
    if store.role_of(token)? != "admin" {
        return Err(StatusCode::FORBIDDEN);
    }
    Ok(())
}

// Named after a sign-in, but a check of the caller's API key turns callers away.
async fn first_login_done(
    headers: HeaderMap,
    State(store): State<Store>,
) -> Result<String, StatusCode> {
    let key = api_key(&headers)?;
    if !store.verify_api_key(&key).await? {
        return Err(StatusCode::FORBIDDEN);
    }
    Ok(store.first_login_done(1).await?.to_string())
}

// An administrator resets someone's password: the admin guard checks the caller.
async fn reset_user_password(
    State(store): State<Store>,
    headers: HeaderMap,
    Path(_id): Path<i64>,
) -> Result<&'static str, StatusCode> {
    admin_guard(&store, &headers).await?;
    Ok("reset")
}

// A sign-in checks the credentials it is given: public.
async fn login(
    State(store): State<Store>,
    Json(form): Json<(String, String)>,
) -> Result<&'static str, StatusCode> {
    if !store.password_matches(&form.0, &form.1) {
        return Err(StatusCode::UNAUTHORIZED);
    }
    Ok("session")
}

#[tokio::main]
async fn main() {
    let app = Router::new()
        .route("/users/first-login", get(first_login_done))
        .route("/admin/users/{id}/password", put(reset_user_password))
        .route("/login", post(login))
        .with_state(Store);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:3000").await.unwrap();
    axum::serve(listener, app).await.unwrap();
}
