//! Small syntax and name helpers of the engine: literal text, callees, errors, bounds.

use super::*;

/// `("'", "''")` (also `('\'', "''")`): the arguments of a `replace` that doubles single
/// quotes.
pub(super) fn sql_quote_doubling(args: &Punctuated<Expr, syn::Token![,]>) -> bool {
    let lit = |e: &Expr| match e {
        Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(s),
            ..
        }) => Some(s.value()),
        Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Char(c),
            ..
        }) => Some(c.value().to_string()),
        _ => None,
    };
    let mut it = args.iter();
    matches!(
        (it.next().and_then(lit), it.next().and_then(lit), it.next()),
        (Some(a), Some(b), None) if a == "'" && b == "''"
    )
}

/// The text of a string literal, also behind `.to_string()`, `.to_owned()`, `String::from`.
pub(super) fn literal_text(e: &Expr) -> Option<String> {
    match crate::rust::peel(e) {
        Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(s),
            ..
        }) => Some(s.value()),
        Expr::MethodCall(m)
            if matches!(
                m.method.to_string().as_str(),
                "to_string" | "to_owned" | "into"
            ) =>
        {
            literal_text(&m.receiver)
        }
        Expr::Call(c) if c.args.len() == 1 => literal_text(&c.args[0]),
        _ => None,
    }
}

/// The functions whose failure an expression's error is: the one a plain call names
/// (`to_csv(&rows)`, `helpers::encode(x)?`, awaited or not), both of an `and_then` chain;
/// none when its error is already known to be a parse or encoding one, or one of them is
/// not a named call.
pub(super) fn error_callees(e: &Expr) -> Vec<String> {
    /// The function a path names (`Users::load`), pushed on `out`.
    fn named(p: &syn::ExprPath, out: &mut Vec<String>) -> bool {
        p.path
            .segments
            .last()
            .map(|s| out.push(s.ident.to_string()))
            .is_some()
    }
    /// The callees of `e`'s error, pushed on `out`; false when one is not a named call.
    fn collect(e: &Expr, out: &mut Vec<String>) -> bool {
        match crate::rust::peel_try(e) {
            Expr::Await(a) => collect(&a.base, out),
            Expr::Paren(p) => collect(&p.expr, out),
            Expr::Call(c) => match &*c.func {
                Expr::Path(p) => named(p, out),
                _ => false,
            },
            // `load().map(|u| u.name)`: the receiver's error.
            Expr::MethodCall(m) if keeps_error(&m.method.to_string()) => collect(&m.receiver, out),
            // `load().and_then(|mut u| u.save())`: the errors of both calls.
            Expr::MethodCall(m) if m.method == "and_then" => {
                collect(&m.receiver, out)
                    && match m.args.first() {
                        // A closure that is one call: statements before it (a `?`, a
                        // `return Err(..)`) fail the chain with errors of their own.
                        Some(Expr::Closure(c)) => {
                            let mut body = &*c.body;
                            while let Expr::Block(b) = body {
                                match &b.block.stmts[..] {
                                    [syn::Stmt::Expr(x, None)] => body = x,
                                    _ => return false,
                                }
                            }
                            collect(body, out)
                        }
                        Some(Expr::Path(p)) => named(p, out),
                        _ => false,
                    }
            }
            // `state.process_manager.start_process(req).await`: a method of the project's.
            Expr::MethodCall(m) => {
                out.push(m.method.to_string());
                true
            }
            _ => false,
        }
    }
    if error_of(e) != Fault::Raw {
        return Vec::new();
    }
    let mut out = Vec::new();
    if collect(e, &mut out) {
        out
    } else {
        Vec::new()
    }
}

/// A function whose errors are phrases of the code ([`fails_with_str`],
/// [`fails_with_context`]) or formatting errors ([`in_memory_encoder`]; `body_text` is its
/// body's text).
/// `Some(deps)`: it does when the functions `deps` it hands failures on from do.
pub(crate) fn fails_with_phrases(
    sig: &syn::Signature,
    body: &syn::Block,
    body_text: &str,
) -> Option<Vec<String>> {
    if fails_with_str(sig) || (sig.asyncness.is_none() && in_memory_encoder(sig, body_text)) {
        return Some(Vec::new());
    }
    fails_with_context(sig, body)
}

/// A function whose errors are string literals: it returns `Result<_, &'static str>` (or
/// `&str`): what it fails with is a fixed phrase of the code (`"Unable to get db connection
/// from pool"`), never an error's text.
pub(super) fn fails_with_str(sig: &syn::Signature) -> bool {
    let syn::ReturnType::Type(_, ty) = &sig.output else {
        return false;
    };
    let Some(seg) = last_seg(ty) else {
        return false;
    };
    if seg.ident != "Result" {
        return false;
    }
    let syn::PathArguments::AngleBracketed(a) = &seg.arguments else {
        return false;
    };
    let Some(syn::GenericArgument::Type(syn::Type::Reference(r))) = a.args.iter().nth(1) else {
        return false;
    };
    matches!(&*r.elem, syn::Type::Path(p) if p.path.is_ident("str"))
}

/// A function returning `anyhow::Result` (or a one-argument `Result` alias) whose every
/// failure is a phrase of the code: each
/// `?` applies to a `.context("...")` (`.with_context(|| ..)`, `.ok_or_else(|| anyhow!(..))`)
/// and each `bail!`/`anyhow!` is a literal, none of them formatting an error (`{e}`). An
/// `anyhow::Error`'s `Display` shows only its outermost message: `e.to_string()` of what it
/// returns is that phrase ("Failed to spawn process"), never the cause's text. A failure
/// handed on from a call of another function (`self.send_signal(pid, 9).await` as the
/// body's value, `self.lookup(id).await?`) is a phrase if that function's are: it is one of
/// the dependencies returned (`Some(deps)`), decided once the project is known.
pub(super) fn fails_with_context(sig: &syn::Signature, body: &syn::Block) -> Option<Vec<String>> {
    use quote::ToTokens;
    use syn::visit::Visit;
    let returns_anyhow = match &sig.output {
        syn::ReturnType::Type(_, ty) => {
            let text = ty.to_token_stream().to_string().replace(' ', "");
            // `anyhow::Result<T>`, `Result<T, anyhow::Error>`, or `Result<T>` of an alias
            // (anyhow's imported): the body says whether its failures are contexts.
            text.starts_with("anyhow::Result<")
                || text.contains("anyhow::Error>")
                || (text.starts_with("Result<") && !text.contains(','))
        }
        syn::ReturnType::Default => false,
    };
    if !returns_anyhow {
        return None;
    }
    /// Whether tokens hold a phrase of the code: string literals, and arguments (inline,
    /// `{pid}`, or after the literal, `, pid`) that name no error (`e`, `err`, `source`,
    /// `io_error`, `e.to_string()`).
    fn phrase(tokens: &proc_macro2::TokenStream) -> bool {
        fn names_error(name: &str) -> bool {
            matches!(name, "e" | "err" | "error" | "source" | "cause" | "inner")
                || name.ends_with("_err")
                || name.ends_with("_error")
        }
        fn walk(tokens: proc_macro2::TokenStream, lits: &mut usize) -> bool {
            tokens.into_iter().all(|t| match t {
                proc_macro2::TokenTree::Group(g) => walk(g.stream(), lits),
                proc_macro2::TokenTree::Ident(i) => !names_error(&i.to_string()),
                proc_macro2::TokenTree::Punct(_) => true,
                proc_macro2::TokenTree::Literal(l) => {
                    *lits += 1;
                    l.to_string().split('{').skip(1).all(|after| {
                        let name: String = after
                            .chars()
                            .take_while(|c| c.is_alphanumeric() || *c == '_')
                            .collect();
                        !names_error(&name)
                    })
                }
            })
        }
        let mut lits = 0;
        walk(tokens.clone(), &mut lits) && lits > 0
    }
    /// A call handing on another function's failure: that function's name (not an
    /// adapter of a failure's text, `.context(format!("{e}"))`, which is no phrase).
    fn handed_on(e: &syn::Expr) -> Option<String> {
        match e {
            syn::Expr::Await(a) => handed_on(&a.base),
            syn::Expr::Call(c) => match &*c.func {
                syn::Expr::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
                _ => None,
            },
            syn::Expr::MethodCall(m) => Some(m.method.to_string()).filter(|n| {
                !matches!(
                    n.as_str(),
                    "context" | "with_context" | "map_err" | "ok_or" | "ok_or_else"
                )
            }),
            _ => None,
        }
    }
    /// A method giving a failure a phrase of its own (`.context("..")`,
    /// `.map_err(|_| anyhow!(".."))`: the error itself unnamed).
    fn phrased(m: &syn::ExprMethodCall, with: &[&str]) -> bool {
        let name = m.method.to_string();
        let drops_error = |a: &syn::Expr| match a {
            syn::Expr::Closure(c) => c.inputs.iter().all(|p| match p {
                syn::Pat::Wild(_) => true,
                syn::Pat::Ident(i) => i.ident.to_string().starts_with('_'),
                _ => false,
            }),
            _ => false,
        };
        with.contains(&name.as_str())
            && m.args.iter().all(|a| phrase(&a.to_token_stream()))
            && (name != "map_err" || m.args.iter().all(drops_error))
    }
    const PHRASED: &[&str] = &["context", "with_context", "ok_or_else", "ok_or", "map_err"];
    struct Check {
        ok: bool,
        tries: usize,
        deps: Vec<String>,
    }
    impl<'a> Visit<'a> for Check {
        fn visit_expr_try(&mut self, t: &'a syn::ExprTry) {
            self.tries += 1;
            match &*t.expr {
                syn::Expr::MethodCall(m) if phrased(m, PHRASED) => {}
                e => match handed_on(e) {
                    Some(f) => self.deps.push(f),
                    None => self.ok = false,
                },
            }
            syn::visit::visit_expr_try(self, t);
        }
        fn visit_macro(&mut self, m: &'a syn::Macro) {
            if m.path
                .segments
                .last()
                .is_some_and(|s| s.ident == "bail" || s.ident == "anyhow")
                && !phrase(&m.tokens)
            {
                self.ok = false;
            }
        }
        fn visit_expr_call(&mut self, c: &'a syn::ExprCall) {
            // `Err(e)`, `return Err(e.into())`: an error handed on as it is; only
            // `Err(anyhow!("..."))` is a phrase (the macro is checked on its own).
            if matches!(&*c.func, syn::Expr::Path(p) if p.path.is_ident("Err"))
                && !c.args.iter().all(|a| matches!(a, syn::Expr::Macro(_)))
            {
                self.ok = false;
            }
            syn::visit::visit_expr_call(self, c);
        }
        // Closures and nested functions fail on their own account.
        fn visit_expr_closure(&mut self, _: &'a syn::ExprClosure) {}
        fn visit_item_fn(&mut self, _: &'a syn::ItemFn) {}
    }
    let mut c = Check {
        ok: true,
        tries: 0,
        deps: Vec::new(),
    };
    // What the body ends with is returned as it is: `Ok(..)`, a context phrase, or another
    // function's failure.
    if let Some(syn::Stmt::Expr(e, None)) = body.stmts.last() {
        let returned_ok = matches!(e, syn::Expr::Call(c) if matches!(&*c.func, syn::Expr::Path(p) if p.path.is_ident("Ok")));
        let phrase_of_its_own = matches!(e, syn::Expr::MethodCall(m)
            if phrased(m, &["context", "with_context", "map_err"]));
        if !returned_ok && !phrase_of_its_own {
            match handed_on(e) {
                Some(f) if f != "Err" => {
                    c.tries += 1;
                    c.deps.push(f);
                }
                _ => return None,
            }
        }
    }
    c.visit_block(body);
    (c.ok && c.tries > 0).then_some(c.deps)
}

/// A function that only encodes values into memory: not `async`, returns a `Result`,
/// builds a buffer of its own (`Vec::new()`, `vec![]`, `String::new()`, a `Cursor`) that a
/// writer or serializer fills (`csv::Writer::from_writer(vec![])`, `ArrayWriter::new(buf)`),
/// and touches no file, socket, database or process. Its errors are formatting errors of
/// the server's own values: their text tells nothing of its internals.
pub(super) fn in_memory_encoder(sig: &syn::Signature, text: &str) -> bool {
    let returns_result = match &sig.output {
        syn::ReturnType::Type(_, ty) => {
            last_seg(ty).is_some_and(|s| s.ident.to_string().ends_with("Result"))
        }
        syn::ReturnType::Default => false,
    };
    if sig.asyncness.is_some() || !returns_result {
        return false;
    }
    let has = |needles: &[&str]| needles.iter().any(|n| text.contains(n));
    has(&[
        "Vec::new()",
        "vec![]",
        "Vec::with_capacity(",
        "String::new()",
        "Cursor::new(",
    ]) && has(&["Writer", "writer", "serialize", "encode"])
        && !has(&[
            "File", "fs::", "open(", "connect", "query", "execute", "fetch", "send(", "request",
            "Command", "socket", "Tcp", "read(", ".await",
        ])
}

/// Functions and methods that parse or convert a value: their errors describe the value.
pub(super) fn is_parse_name(name: &str) -> bool {
    name.starts_with("parse")
        || matches!(
            name,
            "from_str"
                | "from_str_radix"
                | "try_from"
                | "try_into"
                | "from_utf8"
                | "from_utf16"
                | "to_str"
                | "glob"
                | "glob_with"
        )
}

/// The error a `Result`-giving expression fails with: [`Fault::Parse`] when it parses or
/// converts a value (`s.parse::<u64>()`, `u16::try_from(n)`, `humantime::parse_duration(s)`,
/// `String::from_utf8(b)`, `glob(p)`, `Pattern::new(p)`); [`Fault::Plain`] when it encodes
/// into a buffer of the server's (`encode(&mut body, &registry)`, a metrics text encoder's
/// `.encode(&families, &mut buf)`): a formatting error, fixed text; else a raw error (a
/// driver's, an io error: they can tell what the server holds).
pub(crate) fn error_of(e: &Expr) -> Fault {
    let into_buffer = |name: &str, args: &syn::punctuated::Punctuated<Expr, syn::Token![,]>| {
        let into_mut = || {
            args.iter()
                .any(|a| matches!(a, Expr::Reference(r) if r.mutability.is_some()))
        };
        // A metrics text encoder's `.encode_to_string(&families)` gives the text itself.
        matches!(name, "encode_to_string" | "encode_to_vec") || (name == "encode" && into_mut())
    };
    match e {
        Expr::Paren(p) => error_of(&p.expr),
        Expr::Reference(r) => error_of(&r.expr),
        // Awaited, only a library call known here; the project's async functions are
        // followed by name (their errors looked up in their bodies).
        Expr::Await(a)
            if matches!(&*a.base, Expr::Call(c) if matches!(&*c.func, Expr::Path(p)
                if { let s = segments(&p.path); s.len() >= 2
                    && reads_client_body(&s[s.len() - 2], &s[s.len() - 1]) })) =>
        {
            Fault::Plain
        }
        Expr::MethodCall(m) if is_parse_name(&m.method.to_string()) => Fault::Parse,
        Expr::MethodCall(m) if into_buffer(&m.method.to_string(), &m.args) => Fault::Plain,
        // `Namespace::parse(s).map(|n| ..)`: the same error, its value changed.
        Expr::MethodCall(m) if keeps_error(&m.method.to_string()) => error_of(&m.receiver),
        // `Response::builder().header(..).body(..)`: an `http::Error`, whose text names the
        // part that was invalid (`invalid header value`), never its value.
        Expr::MethodCall(m) if m.method == "body" && builds_message(&m.receiver) => Fault::Plain,
        Expr::Call(c) => match &*c.func {
            Expr::Path(p) => {
                let segs = segments(&p.path);
                let n = segs.len();
                let last = segs.last().map_or("", |s| s.as_str());
                let owner = if n >= 2 { segs[n - 2].as_str() } else { "" };
                if into_buffer(last, &c.args)
                    || serializes_to_memory(owner, last)
                    || reads_client_body(owner, last)
                {
                    Fault::Plain
                } else if is_parse_name(last)
                    || (last == "new" && matches!(owner, "Pattern" | "Glob" | "Regex"))
                {
                    Fault::Parse
                } else {
                    Fault::Raw
                }
            }
            _ => Fault::Raw,
        },
        _ => Fault::Raw,
    }
}

/// A call that makes a channel (`oneshot::channel()`, `mpsc::unbounded_channel()`,
/// `flume::bounded(8)`, `crossbeam_channel::unbounded()`).
pub(super) fn makes_channel(e: &Expr) -> bool {
    let Expr::Call(c) = crate::rust::peel(e) else {
        return false;
    };
    crate::rust::call_path(c).is_some_and(|p| {
        let segs = segments(p);
        let n = segs.len();
        let owner = if n >= 2 { segs[n - 2].as_str() } else { "" };
        match segs[n - 1].as_str() {
            "channel" | "unbounded_channel" => true,
            "bounded" | "unbounded" => matches!(
                owner,
                "flume" | "crossbeam_channel" | "async_channel" | "kanal" | "mpsc" | "channel"
            ),
            _ => false,
        }
    })
}

/// Every variable a pattern binds (`(tx, rx)`, `Pair { a, b }`).
pub(super) fn pat_names(p: &Pat, f: &mut dyn FnMut(String)) {
    match p {
        Pat::Ident(i) => f(i.ident.to_string()),
        Pat::Type(t) => pat_names(&t.pat, f),
        Pat::Reference(r) => pat_names(&r.pat, f),
        Pat::Paren(x) => pat_names(&x.pat, f),
        Pat::Tuple(t) => t.elems.iter().for_each(|e| pat_names(e, f)),
        Pat::TupleStruct(t) => t.elems.iter().for_each(|e| pat_names(e, f)),
        Pat::Struct(s) => s.fields.iter().for_each(|x| pat_names(&x.pat, f)),
        _ => {}
    }
}

/// Methods of `Result` that keep its error and change only its value (`r.map(|v| ..)`).
pub(super) fn keeps_error(name: &str) -> bool {
    matches!(
        name,
        "map" | "as_ref" | "as_mut" | "as_deref" | "inspect" | "cloned" | "copied"
    )
}

/// `axum::body::to_bytes(body, limit)`: the client's body read, its error the stream's or
/// the limit's (`length limit exceeded`), nothing of the server's.
fn reads_client_body(owner: &str, name: &str) -> bool {
    owner == "body" && name == "to_bytes"
}

/// The functions of serde's formats that serialize a value into memory
/// (`serde_json::to_vec(&v)`, `rmp_serde::to_vec_named(&v)`, `toml::to_string(&v)`): they
/// touch no file or socket, and fail only on the value's shape (`key must be a string`),
/// fixed text.
pub(super) fn serializes_to_memory(owner: &str, name: &str) -> bool {
    matches!(
        owner,
        "serde_json"
            | "serde_json5"
            | "json5"
            | "rmp_serde"
            | "serde_yaml"
            | "serde_yml"
            | "toml"
            | "serde_cbor"
            | "serde_urlencoded"
            | "serde_qs"
            | "ron"
            | "postcard"
            | "bincode"
            | "quick_xml"
            | "serde_xml_rs"
            | "simd_json"
            | "sonic_rs"
    ) && (matches!(name, "to_value" | "serialize" | "encode_to_vec")
        || name.starts_with("to_vec")
        || name.starts_with("to_string")
        || name.starts_with("to_allocvec")
        || name.starts_with("to_stdvec"))
}

/// A chain building an HTTP message of the `http` crate (`Response::builder().status(..)`,
/// `http::Request::builder().uri(..)`).
pub(super) fn builds_message(e: &Expr) -> bool {
    let (root, _) = match crate::rust::peel_try(e) {
        Expr::MethodCall(m) => crate::rust::chain(m),
        other => (other, Vec::new()),
    };
    crate::rust::root_call_segments(root).is_some_and(|s| {
        let n = s.len();
        n >= 2 && s[n - 1] == "builder" && matches!(s[n - 2].as_str(), "Response" | "Request")
    })
}

/// Functions whose name says they bound a number (`limit_fetch`, `clamp_page_size`).
pub(super) fn is_bound_name(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    n != "limit"
        && [
            "limit",
            "clamp",
            "bound",
            "valid",
            "check",
            "sanitize",
            "normalize",
        ]
        .iter()
        .any(|w| n.contains(w))
}

pub(super) fn describe(t: &Taint) -> String {
    let what = match t.src {
        Src::Query => "query parameter",
        Src::Body => "request body value",
        Src::Path => "path parameter",
        Src::Header => "request header value",
        Src::Request => "request value",
        Src::Param(_) => "parameter",
    };
    format!("{what} `{}`", t.origin)
}

/// The variable a receiver is (`sql` of `sql.push_str(..)`).
pub(crate) fn receiver_ident(e: &Expr) -> Option<String> {
    match crate::rust::peel(e) {
        Expr::Path(p) => p.path.get_ident().map(std::string::ToString::to_string),
        _ => None,
    }
}

/// The struct a builder chain builds: `Params::builder().a(x)` (typed-builder, bon),
/// `ParamsBuilder::default().a(x)` (derive_builder).
pub(super) fn built_struct(e: &Expr) -> Option<String> {
    match crate::rust::peel(e) {
        Expr::MethodCall(m) => built_struct(&m.receiver),
        Expr::Call(c) if c.args.is_empty() => {
            let segs = segments(crate::rust::call_path(c)?);
            let n = segs.len();
            if n < 2 {
                return None;
            }
            let (owner, last) = (segs[n - 2].as_str(), segs[n - 1].as_str());
            match last {
                "builder" => Some(owner.to_owned()),
                "default" | "new" => owner
                    .strip_suffix("Builder")
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned),
                _ => None,
            }
        }
        _ => None,
    }
}

pub(super) fn is_common_method(m: &str) -> bool {
    is_passthrough(m)
        || is_opaque(m)
        || matches!(
            m,
            "insert"
                | "push"
                | "push_str"
                | "extend"
                | "remove"
                | "bind"
                | "fetch"
                | "fetch_one"
                | "fetch_all"
                | "fetch_optional"
                | "send"
                | "await"
                | "filter"
                | "find"
                | "set"
                | "append"
                | "json"
                | "body"
                | "header"
                | "write"
                | "min"
                | "max"
                | "clamp"
                | "await_"
                | "entry"
                | "format"
        )
        || flow_sinks().any(|(_, s)| s.sink_methods().contains(&m))
}

pub(super) fn turbofish(m: &syn::ExprMethodCall) -> Option<&Type> {
    m.turbofish.as_ref()?.args.iter().find_map(|a| match a {
        syn::GenericArgument::Type(t) => Some(t),
        _ => None,
    })
}

/// Identifiers in a token stream, with whether a `.` precedes them.
pub(super) fn scan_idents(ts: proc_macro2::TokenStream, f: &mut dyn FnMut(String, bool)) {
    let mut dot = false;
    for tt in ts {
        match tt {
            proc_macro2::TokenTree::Ident(i) => {
                f(i.to_string(), dot);
                dot = false;
            }
            proc_macro2::TokenTree::Punct(p) => dot = p.as_char() == '.',
            proc_macro2::TokenTree::Group(g) => {
                scan_idents(g.stream(), f);
                dot = false;
            }
            proc_macro2::TokenTree::Literal(l) => {
                // `format!("{err}")` inside: the captured names.
                if let syn::Lit::Str(s) = syn::Lit::new(l) {
                    for p in pieces(&s.value()) {
                        if let Piece::Arg {
                            arg: Arg::Name(n), ..
                        } = p
                        {
                            f(n, false);
                        }
                    }
                }
                dot = false;
            }
        }
    }
}
