use actix_web::Scope;

/// Lets a module add its endpoints to a scope in a chain: `scope.with(orders::register)`.
pub trait ScopeExt {
    fn with<F>(self, f: F) -> Self
    where
        Self: Sized,
        F: FnOnce(Self) -> Self;
}

impl<T> ScopeExt for Scope<T> {
    fn with<F>(self, f: F) -> Self
    where
        Self: Sized,
        F: FnOnce(Self) -> Self,
    {
        f(self)
    }
}
