//! Item position: a macro that writes one module of handlers per setting and the router
//! that serves them all (nested repetitions, `$crate` paths, a macro invoking another).
use axum::{routing::get, Router};

macro_rules! setting {
    ($name:ident, $update:ident) => {
        pub mod $name {
            use $crate::auth::User;
            pub async fn read(_u: User) {}
            pub async fn write(_u: User) {}
        }
    };
}

macro_rules! settings {
    ($({ path: $path:literal, name: $name:ident, update: $update:ident }),* $(,)?) => {
        $( setting!($name, $update); )*

        pub fn router() -> Router {
            Router::new()
                $(.route($path, get($name::read).$update($name::write)))*
        }
    };
}

settings!(
    { path: "/theme", name: theme, update: put },
    { path: "/language", name: language, update: patch },
);
