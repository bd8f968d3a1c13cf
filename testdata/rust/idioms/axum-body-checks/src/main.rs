use axum::{http::StatusCode, routing::post, Json, Router};

pub struct ApiError(StatusCode, &'static str);

impl ApiError {
    fn unauthorised(msg: &'static str) -> Self {
        ApiError(StatusCode::UNAUTHORIZED, msg)
    }
    fn bad_request(msg: &'static str) -> Self {
        ApiError(StatusCode::BAD_REQUEST, msg)
    }
}

impl axum::response::IntoResponse for ApiError {
    fn into_response(self) -> axum::response::Response {
        (self.0, self.1).into_response()
    }
}

#[derive(serde::Deserialize)]
pub struct SignedRefresh {
    pub node: u32,
    pub signature: String,
}

impl SignedRefresh {
    fn verify_signature(&self) -> bool {
        !self.signature.is_empty()
    }
}

#[derive(serde::Deserialize)]
pub struct Tickets {
    pub serials: Vec<String>,
}

pub struct Ledger;

impl Ledger {
    async fn validate_proposal(&self, tickets: &Tickets) -> Result<(), ApiError> {
        if tickets.serials.is_empty() {
            return Err(ApiError::bad_request("no tickets"));
        }
        Ok(())
    }
}

async fn refresh(Json(body): Json<SignedRefresh>) -> Result<String, ApiError> {
    if !body.verify_signature() {
        return Err(ApiError::unauthorised("bad signature"));
    }
    Ok(body.node.to_string())
}

async fn redeem(Json(credentials_body): Json<Tickets>) -> Result<&'static str, ApiError> {
    let ledger = Ledger;
    ledger.validate_proposal(&credentials_body).await?;
    Ok("redeemed")
}

#[tokio::main]
async fn main() {
    let app = Router::new()
        .route("/v1/nodes/refresh", post(refresh))
        .route("/v1/tickets/redeem", post(redeem));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:3000").await.unwrap();
    axum::serve(listener, app).await.unwrap();
}
