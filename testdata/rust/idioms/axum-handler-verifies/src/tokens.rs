use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

pub struct Claims {
    pub subject: String,
}

pub struct Rejected(StatusCode);

impl IntoResponse for Rejected {
    fn into_response(self) -> Response {
        self.0.into_response()
    }
}

/// Turns a token into its claims; the decoding is another helper's.
pub fn claims_from_token(token: &str, key: &str) -> Result<Claims, Rejected> {
    let subject = decode_claims(token, key)?;
    Ok(Claims { subject })
}

fn decode_claims(token: &str, key: &str) -> Result<String, Rejected> {
    match token.strip_prefix(key) {
        Some(rest) => Ok(rest.to_string()),
        None => Err(Rejected(StatusCode::UNAUTHORIZED)),
    }
}

/// How many words a text has.
pub fn token_count(text: &str) -> usize {
    text.split_whitespace().count()
}
