#[macro_use]
extern crate rocket;

mod guards;

use guards::{BoardResult, Publisher};

/// The guard taken as a `Result`: Rocket never turns the request away, the handler does
/// with `?` (401 from the guard's error).
#[put("/signals/<name>", data = "<body>")]
fn publish(publisher: BoardResult<Publisher>, name: String, body: String) -> BoardResult<String> {
    let who = publisher?.0;
    Ok(format!("{who} set {name} to {body}"))
}

/// The same, read only to sign an answer everyone gets: the anonymous caller is served.
#[get("/signals/<name>")]
fn read(publisher: BoardResult<Publisher>, name: String) -> String {
    match publisher {
        Ok(p) => format!("{name} (seen by {})", p.0),
        Err(_) => name,
    }
}

/// `?` on it only in one branch: the other requests are served without it.
#[delete("/signals/<name>?<force>")]
fn clear(publisher: BoardResult<Publisher>, name: String, force: bool) -> BoardResult<String> {
    if force {
        let who = publisher?.0;
        return Ok(format!("{who} force-cleared {name}"));
    }
    Ok(format!("{name} cleared"))
}

/// `?` on it after an early answer for public signals: those are served without it.
#[get("/signals/<name>/history")]
fn history(publisher: BoardResult<Publisher>, name: String) -> BoardResult<String> {
    if name.starts_with("public-") {
        return Ok(format!("{name}: no history kept"));
    }
    let who = publisher?.0;
    Ok(format!("{name} history for {who}"))
}

/// A bad input turned away before the `?`: every other request still needs the guard.
#[post("/signals/<name>/pin")]
fn pin(publisher: ApiResult<Publisher>, name: String) -> BoardResult<String> {
    if name.is_empty() {
        return Err(guards::BoardError(rocket::http::Status::BadRequest));
    }
    let who = publisher?.0;
    Ok(format!("{who} pinned {name}"))
}

/// An alias of the alias.
type ApiResult<T> = BoardResult<T>;

#[launch]
fn rocket() -> _ {
    rocket::build().mount("/", routes![publish, read, clear, history, pin])
}
