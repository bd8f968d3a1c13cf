//! What authenticates: extractor and guard types in handler signatures, and names of
//! middleware.

use crate::ir::Ty;
use crate::project::Project;

/// Auth a handler argument brings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ParamAuth {
    /// The extractor rejects unauthenticated requests; carries the type as written.
    Required(String),
    /// `Option<T>` / `Result<T, _>` of an auth extractor.
    Optional(String),
}

/// Wrappers whose generic argument is the credential (`TypedHeader<Authorization<Bearer>>`).
const HEADER_WRAPPERS: &[&str] = &["TypedHeader", "Header"];

fn is_auth_type(p: &Project, ty: &Ty) -> bool {
    let name = ty.name();
    if p.auth_types.contains_key(name) {
        return true;
    }
    HEADER_WRAPPERS.contains(&name) && ty.args.iter().any(|a| is_auth_type(p, a))
}

pub(crate) fn param_auth(p: &Project, ty: &Ty) -> Option<ParamAuth> {
    match ty.name() {
        "Option" | "Result" => {
            let inner = ty.args.first()?;
            is_auth_type(p, inner).then(|| ParamAuth::Optional(ty.display()))
        }
        name if p.optional_types.contains(name) => Some(ParamAuth::Optional(ty.display())),
        _ => is_auth_type(p, ty).then(|| ParamAuth::Required(ty.display())),
    }
}

/// Whether a middleware (function, type or macro) name says it authenticates.
pub(crate) fn name_says_auth(p: &Project, name: &str) -> bool {
    if p.extra_auth_middleware.iter().any(|n| n == name) || p.auth_mw_types.contains(name) {
        return true;
    }
    let lower = name.to_ascii_lowercase();
    [
        "auth",
        "jwt",
        "login_required",
        "require_login",
        "require_user",
        "permission_required",
        "bearer",
        "api_key",
        "apikey",
    ]
    .iter()
    .any(|n| lower.contains(n))
}
