//! Where request values come from: the extractors of handlers and the classification of
//! types and names (text, number, collection, error), and the markers of the prefilter.

use super::*;

/// Byte strings of request extractors as they appear in handler signatures: a file without
/// any can hold no handler. Helpers (where the sinks often are) are parsed on demand, when a
/// handler passes them a request value, so sink names are not markers.
pub(crate) const SOURCE_MARKERS: &[&str] = &[
    "Query<",
    "Query(",
    "Json<",
    "Json(",
    "Form<",
    "Form(",
    "Path<",
    "Path(",
    "HttpRequest",
    "HeaderMap",
    ": Request",
    // `body: Bytes`, `web::Bytes` (not zerocopy's `FromBytes, IntoBytes` derives).
    ": Bytes,",
    ": Bytes)",
    "::Bytes,",
    "::Bytes)",
    "Multipart",
    // An extractor imported under another name (`use axum::Json as JsonResponse`).
    "Json as ",
    "Query as ",
    "Form as ",
    "Path as ",
    // Route attributes (not pyo3's `#[getter]`).
    "#[get(",
    "#[post(",
    "#[put(",
    "#[delete(",
    "#[patch(",
    "#[route(",
];

/// Byte strings of validation bounds on struct fields (`#[garde(range(max = ..))]`,
/// `#[validate(range(..))]`, `#[param(maximum = ..)]`): the structs of a file holding one
/// are read when a finding depends on them (see [`wanted_structs`]).
pub(crate) const BOUND_ATTR_MARKERS: &[&str] = &["garde(", "validate(", "maximum"];

/// Byte strings of collection types in struct fields (`HashMap<`, `Vec<`): the structs of
/// a file holding one are read when a finding depends on whether a field is a collection
/// (see [`Cond::NotCollection`]).
pub(crate) const COLLECTION_MARKERS: &[&str] = &[
    "HashMap<",
    "BTreeMap<",
    "HashSet<",
    "BTreeSet<",
    "Vec<",
    "VecDeque<",
    "DashMap<",
    "DashSet<",
    "IndexMap<",
    "IndexSet<",
];

/// Collections of values kept in memory (std's, `dashmap`'s, `indexmap`'s): a value of one
/// is never an HTTP client, whatever its name.
pub(super) const COLLECTIONS: &[&str] = &[
    "HashMap",
    "BTreeMap",
    "HashSet",
    "BTreeSet",
    "Vec",
    "VecDeque",
    "DashMap",
    "DashSet",
    "IndexMap",
    "IndexSet",
    "LinkedList",
    "BinaryHeap",
];

/// Whether a collection type is named here: `HashMap` in `HashMap::new`, the last segment of a
/// path.
pub(crate) fn is_collection_name(name: &str) -> bool {
    COLLECTIONS.contains(&name)
}

/// Whether a declared type is a collection ([`COLLECTIONS`]), through references and shared
/// pointers (`&HashMap<K, V>`, `Arc<DashMap<K, V>>`).
pub(crate) fn is_collection_type(ty: &Type) -> bool {
    let Some(seg) = last_seg(strip_ty(ty)) else {
        return false;
    };
    let name = seg.ident.to_string();
    match name.as_str() {
        "Arc" | "Rc" | "Box" => type_args(seg)
            .first()
            .is_some_and(|t| is_collection_type(t)),
        n => is_collection_name(n),
    }
}

pub(super) fn last_seg(ty: &Type) -> Option<&syn::PathSegment> {
    match ty {
        Type::Path(p) => p.path.segments.last(),
        _ => None,
    }
}

pub(super) fn type_args(seg: &syn::PathSegment) -> Vec<&Type> {
    match &seg.arguments {
        syn::PathArguments::AngleBracketed(a) => a
            .args
            .iter()
            .filter_map(|g| match g {
                syn::GenericArgument::Type(t) => Some(t),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

pub(super) fn strip_ty(mut ty: &Type) -> &Type {
    loop {
        ty = match ty {
            Type::Reference(r) => &r.elem,
            Type::Paren(p) => &p.elem,
            Type::Group(g) => &g.elem,
            _ => return ty,
        };
    }
}

/// Whether a type's name says it is an error or a refusal (`ApiError`, `AppErr`,
/// `AuthRejection`, `Failure`, `Problem`): one of its words.
pub(super) fn names_error(name: &str) -> bool {
    apiward_source::auth::words(name).iter().any(|w| {
        matches!(
            w.as_str(),
            "error"
                | "errors"
                | "err"
                | "rejection"
                | "reject"
                | "failure"
                | "fail"
                | "problem"
                | "fault"
                | "exception"
        )
    })
}

pub(crate) fn classify_name(name: &str) -> Option<Class> {
    Some(match name {
        "u32" | "u64" | "u128" | "usize" | "i32" | "i64" | "i128" | "isize" | "f32" | "f64"
        | "NonZeroU32" | "NonZeroU64" | "NonZeroUsize" => Class::Number,
        "u8" | "i8" | "u16" | "i16" | "bool" | "char" | "NonZeroU8" | "NonZeroU16" => Class::Narrow,
        "String" | "str" | "PathBuf" | "OsString" | "Url" | "Uri" | "Value" | "Bytes"
        | "BytesMut" | "HashMap" | "BTreeMap" | "IndexMap" | "Map" => Class::Text,
        "Uuid" | "DateTime" | "NaiveDate" | "NaiveDateTime" | "NaiveTime" | "Date" | "Time"
        | "OffsetDateTime" | "PrimitiveDateTime" | "IpAddr" | "Ipv4Addr" | "Ipv6Addr"
        | "SocketAddr" | "Duration" | "Ulid" | "Decimal" | "StatusCode" => Class::Safe,
        _ => return None,
    })
}

/// How a type is judged; wrappers (`Option`, `Vec`, `Box`, `Cow`, …) are seen through.
pub(crate) fn classify(ty: &Type) -> Class {
    let ty = strip_ty(ty);
    match ty {
        Type::Slice(syn::TypeSlice { elem, .. }) | Type::Array(syn::TypeArray { elem, .. })
            if matches!(classify(elem), Class::Narrow) =>
        {
            Class::Text
        }
        Type::Path(p) => {
            let Some(seg) = p.path.segments.last() else {
                return Class::Other;
            };
            let name = seg.ident.to_string();
            if let Some(c) = classify_name(&name) {
                return c;
            }
            match name.as_str() {
                "Option" | "Vec" | "Box" | "Arc" | "Rc" | "Cow" | "HashSet" | "BTreeSet"
                | "VecDeque" | "Json" | "Form" | "Query" | "Path" | "Data" => {
                    let args = type_args(seg);
                    match args.first() {
                        Some(t) => {
                            let c = classify(t);
                            // `Vec<u8>`: bytes of text.
                            if name == "Vec" && c == Class::Narrow {
                                Class::Text
                            } else {
                                c
                            }
                        }
                        None => Class::Other,
                    }
                }
                _ => Class::Other,
            }
        }
        _ => Class::Other,
    }
}

/// The struct a type names, through wrappers (`Option<Json<Params>>` → `Params`).
pub(super) fn struct_name(ty: &Type) -> Option<String> {
    let seg = last_seg(strip_ty(ty))?;
    let name = seg.ident.to_string();
    if classify_name(&name).is_some() {
        return None;
    }
    match name.as_str() {
        "Option" | "Vec" | "Box" | "Arc" | "Rc" | "Json" | "Form" | "Query" | "Path" => {
            type_args(seg).first().and_then(|t| struct_name(t))
        }
        _ if name.len() == 1 => None,
        _ => Some(name),
    }
}

/// What an extractor of this name carries (`Json` → the body), without its argument.
pub(super) fn extractor_name(name: &str) -> Option<Src> {
    Some(match name {
        "Query" | "QsQuery" | "Qs" | "QueryParams" | "RawQuery" => Src::Query,
        "Json" | "Form" | "QsForm" | "JsonBody" | "RawForm" | "Multipart" | "Bytes" => Src::Body,
        "Path" => Src::Path,
        "HeaderMap" => Src::Header,
        "HttpRequest" | "Request" => Src::Request,
        _ => return None,
    })
}

/// Extractors and what they carry; `renames` are the file's imports of extractors under
/// another name.
pub(super) fn extractor<'t>(
    ty: &'t Type,
    renames: &HashMap<String, String>,
) -> Option<(Src, Option<&'t Type>)> {
    let seg = last_seg(strip_ty(ty))?;
    let own = seg.ident.to_string();
    let name = renames.get(&own).map_or(own.as_str(), String::as_str);
    let args = type_args(seg);
    let inner = args.first().copied();
    match name {
        "Option" | "Result" => return inner.and_then(|t| extractor(t, renames)),
        "Json" | "Form" | "QsForm" | "JsonBody" if inner.is_none() => return None,
        "Path" if inner.is_none() => return None,
        n if n.starts_with("Valid") => {
            let t = inner?;
            return extractor(t, renames).or(Some((Src::Body, Some(t))));
        }
        _ => {}
    }
    Some((extractor_name(name)?, inner))
}

/// The request value an extractor of type `inner` yields.
pub(super) fn value_of(inner: Option<&Type>, src: Src, origin: &str) -> Option<Taint> {
    let kind = match (src, inner) {
        (Src::Request, _) => Kind::Request,
        (_, None) => Kind::Text,
        (_, Some(t)) => match classify(t) {
            Class::Text => Kind::Text,
            Class::Number => Kind::Number,
            Class::Narrow | Class::Safe => return None,
            Class::Other => match struct_name(t) {
                Some(s) => Kind::Struct(s),
                None => Kind::Unknown,
            },
        },
    };
    Some(Taint {
        kind,
        src,
        origin: origin.to_owned(),
        whole: true,
        bounded: false,
        fields: None,
        param_field: None,
    })
}

/// Whether trait bounds leave a type opaque to text: at least one trait, none of those
/// that turn a value into text (`AsRef<str>`, `Into<String>`, `Display`, `ToString`).
pub(super) fn opaque_bounds<'b>(bounds: impl Iterator<Item = &'b syn::TypeParamBound>) -> bool {
    let mut traits = 0;
    for b in bounds {
        if let syn::TypeParamBound::Trait(t) = b {
            let Some(last) = t.path.segments.last() else {
                continue;
            };
            traits += 1;
            if matches!(
                last.ident.to_string().as_str(),
                "AsRef"
                    | "Into"
                    | "ToString"
                    | "Display"
                    | "Borrow"
                    | "Deref"
                    | "From"
                    | "ToOwned"
                    | "Serialize"
                    | "Debug"
            ) {
                return false;
            }
        }
    }
    traits > 0
}

pub(super) fn is_error_type(ty: &Type) -> bool {
    match strip_ty(ty) {
        Type::Path(p) => p.path.segments.last().is_some_and(|s| {
            let n = s.ident.to_string();
            if n == "Box" {
                return type_args(s).first().is_some_and(|t| is_error_type(t));
            }
            (n.ends_with("Error") && n != "ResponseError") || n == "Report"
        }),
        Type::TraitObject(t) => t.bounds.iter().any(|b| match b {
            syn::TypeParamBound::Trait(t) => {
                t.path.segments.last().is_some_and(|s| s.ident == "Error")
            }
            _ => false,
        }),
        Type::ImplTrait(t) => t.bounds.iter().any(|b| match b {
            syn::TypeParamBound::Trait(t) => {
                t.path.segments.last().is_some_and(|s| s.ident == "Error")
            }
            _ => false,
        }),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_types() {
        let ty = |s: &str| classify(&syn::parse_str::<Type>(s).unwrap());
        assert_eq!(ty("Option<String>"), Class::Text);
        assert_eq!(ty("&'a str"), Class::Text);
        assert_eq!(ty("Option<i64>"), Class::Number);
        assert_eq!(ty("u16"), Class::Narrow);
        assert_eq!(ty("Vec<u8>"), Class::Text);
        assert_eq!(ty("uuid::Uuid"), Class::Safe);
        assert_eq!(ty("Pagination"), Class::Other);
        assert!(is_bound_name("limit_fetch_check"));
        assert!(!is_bound_name("limit"));
    }
}
