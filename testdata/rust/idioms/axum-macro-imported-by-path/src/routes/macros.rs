/// Registers one handler per depth of a nested shelf name (`/a/items`, `/a/b/items`).
macro_rules! nested_routes {
    ($app:ident, $prefix:literal $tail:literal, $($method:ident($one:expr, $two:expr)),*) => {
        $app = $app
            .route(concat!($prefix, "/{one}", $tail), $($method($one)).*)
            .route(concat!($prefix, "/{one}/{two}", $tail), $($method($two)).*);
    };
}

pub(crate) use nested_routes;
