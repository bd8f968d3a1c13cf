use std::convert::Infallible;

use crate::AppState;

/// The method router of a handler, for the method its `#[utoipa::path]` attribute names.
pub(crate) fn method_router<P, H, T>(handler: H) -> axum::routing::MethodRouter<AppState, Infallible>
where
    P: utoipa::Path,
    H: axum::handler::Handler<T, AppState>,
    T: 'static,
{
    let item = P::path_item(None);
    let (method, _) = item.operations.first_key_value().expect("one operation");
    match *method {
        utoipa::openapi::PathItemType::Get => axum::routing::get(handler),
        utoipa::openapi::PathItemType::Post => axum::routing::post(handler),
        utoipa::openapi::PathItemType::Put => axum::routing::put(handler),
        utoipa::openapi::PathItemType::Delete => axum::routing::delete(handler),
        _ => unimplemented!("method"),
    }
}

/// `/lots/{lot_id}` in the description's syntax to `/lots/:lot_id` in axum 0.7's.
pub(crate) fn colon_params(path: &str) -> String {
    path.split('/')
        .map(|seg| match seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            Some(name) => format!(":{name}"),
            None => seg.to_string(),
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// A tree of prefixes and handlers to a router: `"/lots" => { list, "/{lot_id}" => { get, }, },`
/// and `&module,` for another module's tree.
#[macro_export]
macro_rules! tree {
    (@handler $h:ident) => { paste::paste! { [<__path_ $h>] } };
    (@acc [$r:expr]) => { $r };
    (@acc [$r:expr] $h:ident , $($rest:tt)*) => {
        $crate::tree!(@acc
            [$r.route("/", $crate::views::tree::method_router::<$crate::tree!(@handler $h), _, _>($h))]
            $($rest)*)
    };
    (@acc [$r:expr] $p:literal => {$($inner:tt)+} , $($rest:tt)*) => {
        $crate::tree!(@acc
            [$r.nest(&$crate::views::tree::colon_params($p), $crate::tree!(@acc [axum::Router::<$crate::AppState>::new()] $($inner)+))]
            $($rest)*)
    };
    (@acc [$r:expr] $p:literal => $h:ident , $($rest:tt)*) => {
        $crate::tree!(@acc [$r] $p => { $h , } , $($rest)*)
    };
    (@acc [$r:expr] & $m:ident , $($rest:tt)*) => {
        $crate::tree!(@acc [$r.merge($m::router())] $($rest)*)
    };
    ($($tt:tt)*) => {
        pub(crate) fn router() -> axum::Router<$crate::AppState> {
            $crate::tree!(@acc [axum::Router::<$crate::AppState>::new()] $($tt)*)
        }
    };
}
