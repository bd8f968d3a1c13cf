use jsonwebtoken::{decode, decode_header, Algorithm, DecodingKey, Validation};

pub fn claims(token: &str, key: &DecodingKey) -> Claims {
    let header = decode_header(token).unwrap();
    let mut validation = Validation::new(Algorithm::HS256);
    validation.validate_exp = true;
    validation.validate_nbf = true;
    validation.set_audience(&["api"]);
    decode::<Claims>(token, key, &validation).unwrap().claims
}
