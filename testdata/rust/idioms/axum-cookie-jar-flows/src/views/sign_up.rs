use crate::jar::{CookieJar, SignUpFlows};

/// A step of signing up: the jar holds only the CSRF token and the flow's state.
pub async fn post(jar: CookieJar, form: String) -> Result<(CookieJar, String), String> {
    let form = jar.verify_form(form)?;
    let (csrf, jar) = jar.csrf_token();
    let flows = SignUpFlows::load(&jar);
    Ok((jar, format!("{csrf} {form} {}", flows.0.len())))
}
