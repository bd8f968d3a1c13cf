#[macro_use]
extern crate rocket;

mod guards;

use guards::{Caller, NotSignedIn};

/// Everyone is served; a signed-in caller is greeted by name.
#[get("/")]
fn home(caller: Caller) -> String {
    match caller.email() {
        Ok(e) => format!("hello {e}"),
        Err(_) => "hello".to_string(),
    }
}

/// Signed-in callers only: the guard's answer is required with `?`.
#[get("/me")]
fn me(caller: Caller) -> Result<String, NotSignedIn> {
    let email = caller.email()?;
    Ok(email.to_string())
}

/// Admins, or else members of the team.
#[get("/teams/<team>/history")]
fn history(caller: Caller, team: &str) -> Result<String, NotSignedIn> {
    if caller.admin().is_err() {
        caller.member_of(team)?;
    }
    Ok(format!("history of {team}"))
}

/// Checks the answer to a CAPTCHA it handed out: no caller is checked.
#[post("/captcha/<token>/verify", data = "<answer>")]
fn captcha_verify(cookies: &rocket::http::CookieJar<'_>, token: &str, answer: String) -> Result<(), rocket::http::Status> {
    if token.len() == 36 && answer.len() < 16 {
        cookies.add_private(("captcha", token.to_string()));
        Ok(())
    } else {
        Err(rocket::http::Status::Unauthorized)
    }
}

#[launch]
fn rocket() -> _ {
    rocket::build().mount("/", routes![home, me, history, captcha_verify])
}
