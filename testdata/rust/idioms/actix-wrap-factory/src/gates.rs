use actix_web::dev::ServiceRequest;

pub struct AuthenticationGate {
    pub sign_in_page: &'static str,
}

impl AuthenticationGate {
    pub fn redirecting_to(sign_in_page: &'static str) -> Self {
        AuthenticationGate { sign_in_page }
    }

    pub fn lets_in(&self, req: &ServiceRequest) -> bool {
        req.path() == self.sign_in_page || req.cookie("sid").is_some()
    }
}

pub struct Timer;

/// Sends callers without a session to the sign-in page.
pub fn members_only() -> AuthenticationGate {
    AuthenticationGate::redirecting_to("/sign-in")
}

pub fn timing() -> Timer {
    Timer
}
