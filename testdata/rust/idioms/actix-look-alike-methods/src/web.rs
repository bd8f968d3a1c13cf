use actix_web::Scope;

/// Lets a module add its endpoints in a chain: `scope.extend(offers::register)`.
pub trait ExtendScope {
    fn extend<F>(self, f: F) -> Self
    where
        Self: Sized,
        F: FnOnce(Self) -> Self;
}

impl<T> ExtendScope for Scope<T> {
    fn extend<F>(self, f: F) -> Self
    where
        Self: Sized,
        F: FnOnce(Self) -> Self,
    {
        f(self)
    }
}
