//! Error types whose text is a phrase of the code: what their `Display` prints is string
//! literals (`impl Display for SendError { .. write!(f, "ingestor receiver dropped") }`, a
//! thiserror enum whose every `#[error("..")]` prints no field, or only numbers and other
//! such types), never data the server holds. A function failing with one
//! (`-> Result<(), SendError>`) hands a caller an error whose text tells a client nothing of
//! the server's internals: [`Cond::NotEncoder`] does not hold for it.
//!
//! What a file says is kept as facts ([`ErrorText`], [`FlowFacts::fails_with`]); which types
//! are fixed is decided once the project is known ([`fixed_types`]), a type's fields of
//! other types being fixed only if those are.

use super::*;

/// An error type of the project and what its text is made of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ErrorText {
    pub name: String,
    /// `None`: its text shows data (a text field, a wrapped error's text, `self`'s fields).
    /// `Some(deps)`: phrases of the code and the text of these types (fixed if they are),
    /// whether printed with `Display` or `Debug` (which prints every field).
    pub fixed: Option<Vec<String>>,
    /// The same of its `Display` alone: a message that names no wrapped error
    /// (`#[error("sink error")] Sink(#[from] SinkError)`) is fixed text, whatever its
    /// `Debug` prints.
    pub shown: Option<Vec<String>>,
}

/// Errors of the standard library and tokio whose `Display` is a fixed phrase (at most with
/// a number): `"invalid IP address syntax"`, `"channel closed"`, `"deadline has elapsed"`.
/// `Error` alone only as `fmt::Error`.
pub(crate) fn std_fixed(name: &str) -> bool {
    matches!(
        name,
        "fmt::Error"
            | "AddrParseError"
            | "ParseIntError"
            | "ParseFloatError"
            | "ParseBoolError"
            | "ParseCharError"
            | "TryFromIntError"
            | "TryFromSliceError"
            | "CharTryFromError"
            | "Infallible"
            | "Utf8Error"
            | "FromUtf8Error"
            | "Elapsed"
            | "RecvError"
            | "SendError"
            | "TrySendError"
            | "TryRecvError"
            | "RecvTimeoutError"
            | "SendTimeoutError"
            | "AcquireError"
            | "TryAcquireError"
    )
}

/// The name an error type is known by: its last segment, `fmt::Error` for the formatter's.
fn type_key(ty: &Type) -> Option<String> {
    let Type::Path(p) = strip_ty(ty) else {
        return None;
    };
    let segs: Vec<String> = p
        .path
        .segments
        .iter()
        .map(|s| s.ident.to_string())
        .collect();
    let last = segs.last()?;
    if last == "Error" {
        return (segs.len() >= 2 && segs[segs.len() - 2] == "fmt").then(|| "fmt::Error".into());
    }
    Some(last.clone())
}

/// The error type of a function returning a `Result`: `E` of `Result<T, E>` (by
/// [`type_key`]), `?` when it is not known (`io::Result<T>`, `Result<T, Box<dyn Error>>`).
pub(crate) fn error_type(sig: &syn::Signature) -> Option<String> {
    let syn::ReturnType::Type(_, ty) = &sig.output else {
        return None;
    };
    let seg = last_seg(ty)?;
    if !seg.ident.to_string().ends_with("Result") {
        return None;
    }
    Some(match type_args(seg)[..] {
        [_, e] if seg.ident == "Result" => type_key(e).unwrap_or_else(|| "?".into()),
        _ => "?".into(),
    })
}

/// Types printed as numbers or flags: no text of the server's.
fn plain_value(ty: &Type) -> bool {
    last_seg(strip_ty(ty)).is_some_and(|s| {
        s.arguments.is_empty() && {
            let name = s.ident.to_string();
            apiward_source::scalar_type(&name) || matches!(name.as_str(), "StatusCode" | "Duration")
        }
    })
}

/// The error types a file defines with a `Display` ([`ErrorText`]): derived by thiserror
/// (or derive_more's `Display`) from `#[error("..")]`, or written by hand.
pub(crate) fn error_texts(file: &syn::File) -> Vec<ErrorText> {
    let mut c = Collect::default();
    c.visit_file(file);
    // A hand-written `Display` of a type of the file: fixed if its `fmt` prints no data and
    // its fields are fixed too (what `{e:?}` prints); a type defined elsewhere is not.
    for (name, prints_no_data) in std::mem::take(&mut c.written) {
        let fixed = c
            .shapes
            .get(&name)
            .cloned()
            .flatten()
            .filter(|_| prints_no_data);
        let shown = prints_no_data.then(Vec::new);
        c.out.push(ErrorText { name, fixed, shown });
    }
    c.out
}

#[derive(Default)]
struct Collect {
    out: Vec<ErrorText>,
    /// The field dependencies of the file's structs and enums ([`fields_fixed`]).
    shapes: HashMap<String, Option<Vec<String>>>,
    /// The types with a hand-written `Display`, and whether its `fmt` prints no data.
    written: Vec<(String, bool)>,
}

impl Visit<'_> for Collect {
    fn visit_item_struct(&mut self, s: &syn::ItemStruct) {
        self.shapes
            .insert(s.ident.to_string(), fields_fixed(&s.fields));
        if derives_display(&s.attrs) {
            self.out.push(ErrorText {
                name: s.ident.to_string(),
                fixed: attr_fixed(&s.attrs, &s.fields),
                shown: attr_shown(&s.attrs, &s.fields),
            });
        }
    }

    fn visit_item_enum(&mut self, e: &syn::ItemEnum) {
        let all = |f: &dyn Fn(&syn::Variant) -> Option<Vec<String>>| {
            let mut deps = Some(Vec::new());
            for v in &e.variants {
                deps = deps.zip(f(v)).map(|(mut a, b)| {
                    a.extend(b);
                    a
                });
            }
            deps
        };
        self.shapes
            .insert(e.ident.to_string(), all(&|v| fields_fixed(&v.fields)));
        if derives_display(&e.attrs) {
            let deps = all(&|v| attr_fixed(&v.attrs, &v.fields));
            let shown = all(&|v| attr_shown(&v.attrs, &v.fields));
            self.out.push(ErrorText {
                name: e.ident.to_string(),
                fixed: deps.filter(|_| !e.variants.is_empty()),
                shown: shown.filter(|_| !e.variants.is_empty()),
            });
        }
    }

    fn visit_item_impl(&mut self, i: &syn::ItemImpl) {
        let display = i
            .trait_
            .as_ref()
            .is_some_and(|(_, p, _)| p.segments.last().is_some_and(|s| s.ident == "Display"));
        let Some(name) = last_seg(&i.self_ty).map(|s| s.ident.to_string()) else {
            return;
        };
        if !display {
            return;
        }
        let fmt = i.items.iter().find_map(|it| match it {
            syn::ImplItem::Fn(f) if f.sig.ident == "fmt" => Some(f),
            _ => None,
        });
        self.written
            .push((name, fmt.is_some_and(|f| prints_no_data(&f.block))));
    }

    // Functions' bodies define no error types worth reading.
    fn visit_item_fn(&mut self, _: &syn::ItemFn) {}
}

/// `#[derive(thiserror::Error)]`, `#[derive(Display)]`.
fn derives_display(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| {
        a.path().is_ident("derive")
            && a.parse_args_with(
                syn::punctuated::Punctuated::<syn::Path, syn::Token![,]>::parse_terminated,
            )
            .is_ok_and(|ps| {
                ps.iter().any(|p| {
                    p.segments
                        .last()
                        .is_some_and(|s| s.ident == "Error" || s.ident == "Display")
                })
            })
    })
}

/// What a variant's (or struct's) `#[error("..")]`/`#[display("..")]` and its derived
/// `Debug` print: `Some(deps)` when its format string names only fields (no argument after
/// it) and every field is a plain value or of a type of `deps`.
fn attr_fixed(attrs: &[syn::Attribute], fields: &syn::Fields) -> Option<Vec<String>> {
    printed_fields(attrs, fields)?;
    // Every field, printed or not: the derived `Debug` (`{e:?}`) prints them all.
    fields_fixed(fields)
}

/// What a variant's (or struct's) `#[error("..")]`/`#[display("..")]` alone prints:
/// `Some(deps)` when the fields its format string names are plain values or of types
/// `deps` shown with their `Display`; `#[error(transparent)]` is its field's text.
fn attr_shown(attrs: &[syn::Attribute], fields: &syn::Fields) -> Option<Vec<String>> {
    let mut deps = Vec::new();
    for (f, debug) in printed_fields(attrs, fields)? {
        if plain_value(&f.ty) {
            continue;
        }
        if debug || classify(&f.ty) == Class::Text {
            return None;
        }
        deps.push(type_key(&f.ty)?);
    }
    Some(deps)
}

/// The fields a variant's (or struct's) `#[error("..")]`/`#[display("..")]` prints, each
/// with whether with `Debug`; `None` when it prints more than its fields (an argument
/// after the string, `fmt = ..`) or names no field it has.
fn printed_fields<'f>(
    attrs: &[syn::Attribute],
    fields: &'f syn::Fields,
) -> Option<Vec<(&'f syn::Field, bool)>> {
    let a = attrs
        .iter()
        .find(|a| a.path().is_ident("error") || a.path().is_ident("display"))?;
    let syn::Meta::List(l) = &a.meta else {
        return None;
    };
    let mut tokens = l.tokens.clone().into_iter();
    let first = tokens.next()?;
    if tokens.any(|t| !matches!(&t, proc_macro2::TokenTree::Punct(p) if p.as_char() == ',')) {
        // Arguments after the format string (`"{}", .0.len()`), or `fmt = ".."`.
        return None;
    }
    let mut out = Vec::new();
    match first {
        proc_macro2::TokenTree::Ident(i) if i == "transparent" => {
            let mut all = fields.iter();
            out.push((all.next()?, false));
            if all.next().is_some() {
                return None;
            }
        }
        proc_macro2::TokenTree::Literal(lit) => {
            // Every placeholder names a field (no argument after the string).
            let s = syn::parse_str::<syn::LitStr>(&lit.to_string())
                .ok()?
                .value();
            for piece in apiward_source::fmt::pieces(&s) {
                use apiward_source::fmt::{Arg, Piece};
                let (field, debug) = match piece {
                    Piece::Lit(_) => continue,
                    // `{}` would take an argument.
                    Piece::Arg { arg: Arg::Next, .. } => return None,
                    Piece::Arg {
                        arg: Arg::Index(i),
                        debug,
                    } => (fields.iter().nth(i), debug),
                    Piece::Arg {
                        arg: Arg::Name(n),
                        debug,
                    } => (
                        fields
                            .iter()
                            .find(|f| f.ident.as_ref().is_some_and(|id| *id == n)),
                        debug,
                    ),
                };
                out.push((field?, debug));
            }
        }
        _ => return None,
    }
    Some(out)
}

/// The dependencies of a type's fields when each is a plain value or a type that may be
/// fixed (`None` for a text field, an error of another crate named `Error`): what its
/// derived `Debug` prints.
fn fields_fixed(fields: &syn::Fields) -> Option<Vec<String>> {
    let mut deps = Vec::new();
    for f in fields {
        if plain_value(&f.ty) {
            continue;
        }
        if classify(&f.ty) == Class::Text {
            return None;
        }
        deps.push(type_key(&f.ty)?);
    }
    Some(deps)
}

/// A `fmt` body that prints no data: `self` is only looked at by a `match` whose patterns
/// bind nothing (`Self::Closed => ..`, `Self::Io(_) => ..`), and no macro names `self`.
fn prints_no_data(body: &syn::Block) -> bool {
    struct Check(bool);
    impl Visit<'_> for Check {
        fn visit_expr_match(&mut self, m: &syn::ExprMatch) {
            let mut scrutinee = &*m.expr;
            loop {
                scrutinee = match scrutinee {
                    Expr::Unary(u) => &u.expr,
                    Expr::Reference(r) => &r.expr,
                    Expr::Paren(p) => &p.expr,
                    _ => break,
                };
            }
            if matches!(scrutinee, Expr::Path(p) if p.path.is_ident("self")) {
                for arm in &m.arms {
                    self.0 &= binds_nothing(&arm.pat);
                    if let Some((_, g)) = &arm.guard {
                        self.visit_expr(g);
                    }
                    self.visit_expr(&arm.body);
                }
            } else {
                visit::visit_expr_match(self, m);
            }
        }
        fn visit_expr_path(&mut self, p: &syn::ExprPath) {
            self.0 &= !p.path.is_ident("self");
        }
        fn visit_macro(&mut self, m: &syn::Macro) {
            self.0 &= !m
                .tokens
                .clone()
                .into_iter()
                .any(|t| crate::rust::mentions(&t, "self"));
        }
    }
    fn binds_nothing(p: &Pat) -> bool {
        match p {
            Pat::Ident(i) => variant_ident(i),
            Pat::Wild(_) | Pat::Path(_) | Pat::Rest(_) | Pat::Lit(_) => true,
            Pat::Or(o) => o.cases.iter().all(binds_nothing),
            Pat::TupleStruct(t) => t.elems.iter().all(binds_nothing),
            Pat::Struct(s) => s.fields.iter().all(|f| binds_nothing(&f.pat)),
            Pat::Tuple(t) => t.elems.iter().all(binds_nothing),
            Pat::Reference(r) => binds_nothing(&r.pat),
            Pat::Paren(p) => binds_nothing(&p.pat),
            _ => false,
        }
    }
    let mut c = Check(true);
    c.visit_block(body);
    c.0
}

/// The project's error types whose text is fixed: those whose every definition is fixed
/// given its dependencies, each either such a type, an enum of unit variants (`closed`) or
/// a fixed error of the standard library not defined by the project. Of their `Display`
/// alone ([`ErrorText::shown`]) when `debug` is false, else of both.
pub(crate) fn fixed_types<'p>(
    texts: impl Iterator<Item = &'p ErrorText>,
    closed: &HashSet<&str>,
    debug: bool,
) -> HashSet<&'p str> {
    let mut by_name: HashMap<&str, Vec<Option<&[String]>>> = HashMap::new();
    for t in texts {
        by_name
            .entry(t.name.as_str())
            .or_default()
            .push(if debug { &t.fixed } else { &t.shown }.as_deref());
    }
    let mut fixed: HashSet<&str> = HashSet::new();
    loop {
        let more: Vec<&str> = by_name
            .iter()
            .filter(|(n, _)| !fixed.contains(*n))
            .filter(|(_, defs)| {
                defs.iter().all(|d| {
                    d.is_some_and(|deps| {
                        deps.iter().all(|x| {
                            fixed.contains(x.as_str())
                                || (!by_name.contains_key(x.as_str())
                                    && (std_fixed(x) || closed.contains(x.as_str())))
                        })
                    })
                })
            })
            .map(|(n, _)| *n)
            .collect();
        if more.is_empty() {
            return fixed;
        }
        fixed.extend(more);
    }
}

/// Whether an error type is fixed: one of the project's found so, or a fixed error of the
/// standard library the project does not define.
pub(crate) fn is_fixed(name: &str, fixed: &HashSet<&str>, defined: &HashSet<&str>) -> bool {
    fixed.contains(name) || (!defined.contains(name) && std_fixed(name))
}

/// What a file not walked says of the errors of functions and types a finding depends on.
#[derive(Debug)]
pub(crate) enum ErrorFact {
    /// The function fails with phrases of the code if the functions named do
    /// ([`fails_with_phrases`]).
    Encoder(String, Vec<String>),
    /// The function fails with this error type ([`error_type`]).
    FailsWith(String, String),
    Text(ErrorText),
}

/// The functions whose errors a finding depends on ([`Cond::NotEncoder`]), or those of a
/// function hands failures on from ([`FlowFacts::encoders_if`]), that are no encoder of a
/// file walked (by name; another definition may be the one called).
pub(crate) fn wanted_failures<'f>(
    files: impl Iterator<Item = &'f FlowFacts> + Clone,
) -> HashSet<&'f str> {
    let known: HashSet<&str> = files
        .clone()
        .flat_map(|f| f.encoders.iter().map(String::as_str))
        .collect();
    let mut wanted: HashSet<&str> = files
        .clone()
        .flat_map(|f| {
            let helpers = f.summaries.iter().flat_map(|s| match &s.effect {
                Effect::Sink { conds, .. } => &conds[..],
                Effect::Bounds | Effect::Use(_) => &[],
            });
            let conds = f
                .hits
                .iter()
                .flat_map(|(_, c)| c)
                .chain(helpers)
                .flat_map(|c| match c {
                    Cond::NotEncoder(fs, _) => &fs[..],
                    _ => &[],
                })
                .map(String::as_str);
            conds
        })
        .collect();
    // And those the functions asked for hand failures on from, step by step.
    let handing: Vec<&(String, Vec<String>)> = files.clone().flat_map(|f| &f.encoders_if).collect();
    loop {
        let more: Vec<&str> = handing
            .iter()
            .filter(|(n, _)| wanted.contains(n.as_str()))
            .flat_map(|(_, d)| d.iter().map(String::as_str))
            .filter(|d| !wanted.contains(d))
            .collect();
        if more.is_empty() {
            break;
        }
        wanted.extend(more);
    }
    wanted.retain(|n| !known.contains(n));
    wanted
}

/// Of the functions named `names` that `text` defines, how they fail (each parsed on its
/// own), and the error types of the file when one is found.
pub(crate) fn failures_named(text: &str, names: &HashSet<&str>) -> Vec<ErrorFact> {
    let mut out = Vec::new();
    for (_, src, _) in helper_items(text, names) {
        if apiward_source::depth::too_deep(src).is_some() {
            continue;
        }
        let Ok(f) = syn::parse_str::<syn::ItemFn>(src) else {
            continue;
        };
        let name = f.sig.ident.to_string();
        if let Some(deps) = fails_with_phrases(&f.sig, &f.block, src) {
            out.push(ErrorFact::Encoder(name.clone(), deps));
        }
        if let Some(e) = error_type(&f.sig) {
            out.push(ErrorFact::FailsWith(name, e));
        }
    }
    if !out.is_empty() {
        out.extend(file_error_texts(text));
    }
    out
}

/// The error types of `text` when it defines one of the types named `names`.
pub(crate) fn error_texts_named(text: &str, names: &HashSet<&str>) -> Vec<ErrorFact> {
    let b = text.as_bytes();
    if struct_names(b)
        .chain(enum_names(b))
        .any(|(_, n)| names.contains(n))
    {
        file_error_texts(text).collect()
    } else {
        Vec::new()
    }
}

/// The error types of a file ([`error_texts`]), parsed only when its text can define one.
fn file_error_texts(text: &str) -> impl Iterator<Item = ErrorFact> {
    let may_define = ["Display for", "#[error(", "#[display("]
        .iter()
        .any(|m| text.contains(m));
    let file = (may_define && apiward_source::depth::too_deep(text).is_none())
        .then(|| syn::parse_file(text).ok())
        .flatten();
    file.map(|f| error_texts(&f))
        .unwrap_or_default()
        .into_iter()
        .map(ErrorFact::Text)
}

/// Keeps what a file not walked says of errors in its facts.
pub(crate) fn keep_error_facts(f: &mut FlowFacts, found: Vec<ErrorFact>) {
    for x in found {
        match x {
            ErrorFact::Encoder(n, deps) if deps.is_empty() => f.encoders.push(n),
            ErrorFact::Encoder(n, deps) => f.encoders_if.push((n, deps)),
            ErrorFact::FailsWith(n, e) => f.fails_with.push((n, e)),
            ErrorFact::Text(t) => {
                if !f.error_texts.contains(&t) {
                    f.error_texts.push(t);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(src: &str) -> Vec<(String, Option<Vec<String>>)> {
        error_texts(&syn::parse_file(src).unwrap())
            .into_iter()
            .map(|t| (t.name, t.fixed))
            .collect()
    }

    #[test]
    fn what_error_types_print() {
        let src = r#"
            #[derive(Debug)]
            pub struct SendError;
            impl Display for SendError {
                fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result { write!(f, "receiver dropped") }
            }
            pub struct Wrapped(String);
            impl fmt::Display for Wrapped {
                fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result { write!(f, "{}", self.0) }
            }
            pub enum Kind { A, B(String) }
            impl std::fmt::Display for Kind {
                fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
                    let s = match self { Kind::A => "a", Kind::B(_) => "b" };
                    f.write_str(s)
                }
            }
            pub enum Leaky { A, B(String) }
            impl Display for Leaky {
                fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
                    match self { Leaky::A => write!(f, "a"), Leaky::B(m) => write!(f, "{m}") }
                }
            }
            #[derive(Debug, thiserror::Error)]
            pub enum IpError {
                #[error("no address in request")]
                Missing,
                #[error("bad address: {0}")]
                Parse(#[from] AddrParseError),
                #[error("status {code}")]
                Status { code: u16 },
                #[error(transparent)]
                Inner(SendError),
            }
            #[derive(Debug, thiserror::Error)]
            pub enum DbError {
                #[error("query failed: {0}")]
                Query(String),
                #[error("timeout")]
                Timeout,
            }
            #[derive(Debug, thiserror::Error)]
            #[error("{}", .0)]
            pub struct Args(String);
            // A message naming no field, over a field whose `Debug` is another crate's.
            #[derive(Debug, thiserror::Error)]
            #[error("database error")]
            pub struct Quiet(#[source] sqlx::Error);
            #[derive(Debug)]
            pub enum Closed { Sender, Receiver }
            impl Display for Closed {
                fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
                    f.write_str(match self { Closed::Sender => "sender gone", Closed::Receiver => "receiver gone" })
                }
            }
        "#;
        assert_eq!(
            texts(src),
            vec![
                (
                    "IpError".into(),
                    Some(vec!["AddrParseError".into(), "SendError".into()])
                ),
                ("DbError".into(), None),
                ("Args".into(), None),
                ("Quiet".into(), None),
                ("SendError".into(), Some(vec![])),
                ("Wrapped".into(), None),
                // Its `Debug` prints `B`'s text.
                ("Kind".into(), None),
                ("Leaky".into(), None),
                ("Closed".into(), Some(vec![])),
            ]
        );
    }

    #[test]
    fn what_display_alone_prints() {
        let src = r#"
            // Messages naming no wrapped error: its `Display` is fixed, its `Debug` not.
            #[derive(Debug, thiserror::Error)]
            pub enum PublishError {
                #[error("sink error")]
                Sink(#[source] SinkError),
                #[error("spec error")]
                Spec(#[from] serde_json::Error),
                #[error("attempt {attempt} of {max}")]
                Retry { attempt: u32, max: usize },
            }
            #[derive(Debug, thiserror::Error)]
            pub enum Named {
                #[error("inner: {0}")]
                Inner(SinkError),
                #[error(transparent)]
                Through(PublishError),
            }
            #[derive(Debug, thiserror::Error)]
            pub enum Shows {
                #[error("inner: {0:?}")]
                Inner(SinkError),
            }
            #[derive(Debug, thiserror::Error)]
            pub enum Says {
                #[error("db: {0}")]
                Db(String),
            }
            #[derive(Debug, thiserror::Error)]
            #[error("failed: {source}")]
            pub struct Other { source: sqlx::Error }
            pub struct Hand(io::Error);
            impl Display for Hand {
                fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result { f.write_str("io failed") }
            }
        "#;
        let shown: Vec<(String, Option<Vec<String>>)> = error_texts(&syn::parse_file(src).unwrap())
            .into_iter()
            .map(|t| (t.name, t.shown))
            .collect();
        assert_eq!(
            shown,
            vec![
                ("PublishError".into(), Some(vec![])),
                (
                    "Named".into(),
                    Some(vec!["SinkError".into(), "PublishError".into()])
                ),
                ("Shows".into(), None),
                ("Says".into(), None),
                ("Other".into(), None),
                ("Hand".into(), Some(vec![])),
            ]
        );
        let texts = error_texts(&syn::parse_file(src).unwrap());
        let shown = fixed_types(texts.iter(), &HashSet::new(), false);
        // `SinkError` is not the project's: its text is not known.
        let mut s: Vec<&str> = shown.into_iter().collect();
        s.sort_unstable();
        assert_eq!(s, ["Hand", "PublishError"]);
        assert!(fixed_types(texts.iter(), &HashSet::new(), true).is_empty());
    }

    #[test]
    fn fixed_types_follow_their_fields() {
        let t = |name: &str, deps: Option<&[&str]>| ErrorText {
            name: name.into(),
            fixed: deps.map(|d| d.iter().map(|s| (*s).to_string()).collect()),
            shown: None,
        };
        let all = [
            t("Outer", Some(&["Inner", "ParseIntError"])),
            t("Inner", Some(&[])),
            t("OnLeak", Some(&["Leak"])),
            t("Leak", None),
            // Two types of one name: fixed only if both are.
            t("Twice", Some(&[])),
            t("Twice", None),
            // A project type shadowing a std name is judged by its definition.
            t("OnShadow", Some(&["RecvError"])),
            t("RecvError", None),
            t("OnClosed", Some(&["Order"])),
        ];
        let closed = HashSet::from(["Order"]);
        let fixed = fixed_types(all.iter(), &closed, true);
        let mut f: Vec<&str> = fixed.into_iter().collect();
        f.sort_unstable();
        assert_eq!(f, ["Inner", "OnClosed", "Outer"]);
        assert!(fixed_types(all.iter(), &closed, false).is_empty());
        let sig: syn::Signature = syn::parse_str("fn f() -> Result<(), std::fmt::Error>").unwrap();
        assert_eq!(error_type(&sig).as_deref(), Some("fmt::Error"));
        let sig: syn::Signature = syn::parse_str("fn f() -> Result<(), io::Error>").unwrap();
        assert_eq!(error_type(&sig).as_deref(), Some("?"));
        let sig: syn::Signature = syn::parse_str("fn f() -> Result<()>").unwrap();
        assert_eq!(error_type(&sig).as_deref(), Some("?"));
        let sig: syn::Signature = syn::parse_str("fn f() -> Option<u8>").unwrap();
        assert_eq!(error_type(&sig), None);
    }
}
