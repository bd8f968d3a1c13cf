use axum_extra::extract::cookie::Key;
use hmac::{Hmac, Mac};
use jsonwebtoken::{DecodingKey, EncodingKey};
use sha2::Sha256;

mod fail_consts;

type HmacSha256 = Hmac<Sha256>;

const COOKIE_KEY: &[u8] = b"0123456789012345678901234567890123456789012345678901234567890123";

pub struct Keys {
    encoding: EncodingKey,
    decoding: DecodingKey,
}

pub fn keys() -> Keys {
    Keys {
        encoding: EncodingKey::from_secret(b"super-secret"), //~ hardcoded-secret
        decoding: DecodingKey::from_secret("super-secret".as_bytes()), //~ hardcoded-secret
    }
}

pub fn sign(body: &[u8]) -> Vec<u8> {
    let mut mac = Hmac::<Sha256>::new_from_slice(b"webhook-secret").unwrap(); //~ hardcoded-secret
    mac.update(body);
    let mut alias = HmacSha256::new_from_slice(&[7u8; 32]).unwrap(); //~ hardcoded-secret
    alias.update(body);
    mac.finalize().into_bytes().to_vec()
}

pub fn cookie_key() -> Key {
    Key::from(COOKIE_KEY) //~ hardcoded-secret
}

pub fn other_file_key() -> EncodingKey {
    EncodingKey::from_secret(fail_consts::JWT_SECRET.as_bytes()) //~ hardcoded-secret
}
