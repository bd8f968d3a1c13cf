use actix_web::http::header::HeaderMap;
use actix_web::{error, Error};

pub enum Caller {
    Anonymous,
    Named(String),
}

/// The name a signed request carries, if any; a malformed one is an error.
fn read_signature(headers: &HeaderMap) -> Result<Option<String>, Error> {
    match headers.get("authorization") {
        Some(v) => {
            let s = v.to_str().map_err(|_| error::ErrorBadRequest("header"))?;
            Ok(Some(s.trim_start_matches("Signed ").to_string()))
        }
        None => Ok(None),
    }
}

/// Who is calling: the signer, or anyone.
pub fn who_is_calling(headers: &HeaderMap) -> Result<Caller, Error> {
    Ok(match read_signature(headers)? {
        Some(name) => Caller::Named(name),
        None => Caller::Anonymous,
    })
}

pub fn require_owner(caller: &Caller, _id: u32) -> Result<(), Error> {
    match caller {
        Caller::Named(_) => Ok(()),
        Caller::Anonymous => Err(error::ErrorForbidden("owner only")),
    }
}

/// The items the caller may see.
pub fn visible_items(headers: &HeaderMap) -> Result<Vec<u32>, Error> {
    let caller = who_is_calling(headers)?;
    Ok(match caller {
        Caller::Named(_) => vec![1, 2, 3],
        Caller::Anonymous => vec![1],
    })
}
