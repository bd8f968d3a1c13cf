pub struct Routes {
    pub auth: Auth,
    pub meta: Meta,
    pub pow: Pow,
}

pub struct Auth {
    pub signin: &'static str,
}

pub struct Meta {
    pub health: &'static str,
}

pub struct Pow {
    pub scope: &'static str,
    pub verify: &'static str,
}

impl Auth {
    pub const fn new() -> Auth {
        let signin = "/api/v1/signin";
        Auth { signin }
    }
}

impl Routes {
    pub const fn new() -> Routes {
        Routes {
            auth: Auth::new(),
            meta: Meta {
                health: "/api/v1/meta/health",
            },
            pow: Pow {
                scope: "/api/v1/pow",
                verify: "/verify",
            },
        }
    }
}

pub const ROUTES: Routes = Routes::new();
