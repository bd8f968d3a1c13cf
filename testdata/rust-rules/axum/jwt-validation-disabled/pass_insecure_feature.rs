// Expiry is skipped only in test builds or in a build that opts into `feature = "insecure"`;
// the production build validates it.
use axum::http::{HeaderMap, StatusCode};
use jsonwebtoken::{decode, Algorithm, DecodingKey, Validation};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Claims {
    pub sub: String,
}

pub async fn whoami(headers: HeaderMap) -> Result<String, StatusCode> {
    let token = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .ok_or(StatusCode::UNAUTHORIZED)?;
    let key = DecodingKey::from_secret(b"from-config");
    let mut validation = Validation::new(Algorithm::HS256);
    #[cfg(any(test, feature = "insecure"))]
    {
        validation.validate_exp = false;
    }
    #[cfg(all(not(test), not(feature = "insecure")))]
    {
        validation.validate_exp = true;
        validation.set_required_spec_claims(&["exp", "sub"]);
    }
    let data = decode::<Claims>(token, &key, &validation).map_err(|_| StatusCode::UNAUTHORIZED)?;
    Ok(data.claims.sub)
}
