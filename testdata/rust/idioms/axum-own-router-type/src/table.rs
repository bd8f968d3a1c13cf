pub struct Router {
    routes: Vec<(String, fn() -> String)>,
}

impl Router {
    pub fn new() -> Self {
        Router { routes: Vec::new() }
    }

    pub fn routes(mut self, paths: &[&str], handler: fn() -> String) -> Self {
        for p in paths {
            self = self.any(p, handler);
        }
        self
    }

    pub fn any(mut self, path: &str, handler: fn() -> String) -> Self {
        if self.routes.iter().any(|(p, _)| p == path) {
            panic!("route conflict: {path}");
        }
        self.routes.push((path.to_owned(), handler));
        self
    }

    pub fn merge(mut self, other: Self) -> Self {
        self.routes.extend(other.routes);
        self
    }
}

fn status() -> String {
    "up".to_owned()
}

/// The admin table served by hand over hyper: its routes are the project's own router's.
pub fn admin(router: Router) -> Router {
    router.routes(&["/admin/status", "/admin/health"], status)
}
