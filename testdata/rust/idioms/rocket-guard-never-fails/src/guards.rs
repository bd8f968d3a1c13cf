use rocket::request::{FromRequest, Outcome, Request};

#[derive(Debug)]
pub struct NotSignedIn;

/// Who calls, if anyone: read from the session cookie or a bearer token; never refused.
pub struct Caller {
    email: Option<String>,
    agent: String,
}

impl Caller {
    fn from_cookie(req: &Request<'_>) -> Option<String> {
        req.cookies().get_private("session").map(|c| c.value().to_string())
    }

    fn from_bearer_jwt(req: &Request<'_>) -> Option<String> {
        req.headers()
            .get_one("Authorization")
            .and_then(|h| h.strip_prefix("Bearer "))
            .map(str::to_string)
    }

    pub fn agent(&self) -> &str {
        &self.agent
    }

    pub fn email(&self) -> Result<&str, NotSignedIn> {
        self.email.as_deref().ok_or(NotSignedIn)
    }

    pub fn admin(&self) -> Result<&str, NotSignedIn> {
        self.email().and_then(|e| if e.ends_with("@admin") { Ok(e) } else { Err(NotSignedIn) })
    }

    pub fn member_of(&self, team: &str) -> Result<(), NotSignedIn> {
        self.email().map(|_| ()).map_err(|_| NotSignedIn).and_then(|_| {
            if team.is_empty() {
                Err(NotSignedIn)
            } else {
                Ok(())
            }
        })
    }
}

#[rocket::async_trait]
impl<'r> FromRequest<'r> for Caller {
    type Error = ();

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        let mut email = Self::from_cookie(req);
        if email.is_none() {
            email = Self::from_bearer_jwt(req);
        }
        let agent = req.headers().get_one("User-Agent").unwrap_or_default().to_string();
        Outcome::Success(Caller { email, agent })
    }
}
