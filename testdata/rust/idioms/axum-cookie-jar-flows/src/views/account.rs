use crate::jar::CookieJar;

/// Shows the account of who is signed in, or a page inviting to sign in.
pub async fn get(jar: CookieJar) -> (CookieJar, String) {
    let (info, jar) = jar.session_info();
    let page = match info.0 {
        Some(user) => format!("hello {user}"),
        None => "please sign in".to_string(),
    };
    (jar, page)
}
