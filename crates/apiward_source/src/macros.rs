//! `macro_rules!` macros of the project, expanded where they are invoked, so that routers,
//! handlers and route tables a macro writes are seen like hand-written ones.
//!
//! A macro is a list of rules (matcher → transcriber). The matcher is matched against the
//! invocation's tokens: literal tokens compare by text, `$name:kind` fragments are parsed
//! with `syn` (`expr`, `ty`, `path`, ...) or taken as tokens (`ident`, `literal`, `tt`,
//! `lifetime`), and `$( .. ) sep op` repetitions match greedily. The first rule that
//! matches the whole input is transcribed: fragments are substituted (kept with the spans
//! they had at the invocation, so routes are located where they are written), repetitions
//! are expanded as often as the fragments inside them matched, `$crate` becomes `crate`.
//!
//! Expansion is bounded: a macro expands at most [`MAX_DEPTH`] invocations deep, a file at
//! most [`FILE_BUDGET`] tokens in all, and an expansion that nests or chains past the limits
//! of [`crate::depth`] is not parsed. What is not expanded stays an opaque macro call.

use proc_macro2::{Delimiter, Group, Ident, Spacing, Span, TokenStream, TokenTree};
use std::collections::HashMap;
use std::rc::Rc;

/// How many macro invocations deep expansion goes (a macro whose expansion invokes macros).
pub(crate) const MAX_DEPTH: u32 = 64;

/// Tokens all expansions of one file may produce together.
pub(crate) const FILE_BUDGET: usize = 400_000;

/// Tokens (outside groups) an invocation may have to be expanded: a fragment parsed with
/// `syn` is given the rest of the input, so matching is quadratic in this count.
const MAX_INPUT: usize = 4_000;

/// One `macro_rules!` definition.
#[derive(Debug)]
pub(crate) struct MacroDef {
    rules: Vec<(Vec<M>, TokenStream)>,
    /// Defined in another file of the crate (`#[macro_export]`): the spans of its tokens
    /// are not this file's.
    pub foreign: bool,
    /// A transcriber names a router or a registration (`App`, `Router`, `route`,
    /// `service`, `mount`, ..): a function that invokes the macro may build routes.
    pub routes: bool,
}

/// Whether tokens name a router type or a registration method.
pub(crate) fn names_routing(ts: &TokenStream) -> bool {
    ts.clone().into_iter().any(|t| match t {
        TokenTree::Ident(i) => matches!(
            i.to_string().as_str(),
            "App"
                | "Router"
                | "Rocket"
                | "ServiceConfig"
                | "route"
                | "routes"
                | "service"
                | "mount"
                | "scope"
                | "resource"
                | "nest"
                | "merge"
                | "configure"
        ),
        TokenTree::Group(g) => names_routing(&g.stream()),
        _ => false,
    })
}

/// A matcher element.
#[derive(Debug)]
enum M {
    Tok(TokenTree),
    Group(Delimiter, Vec<M>),
    Frag(String, Kind),
    Rep(Vec<M>, Option<TokenTree>, char),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Ident,
    Literal,
    Lifetime,
    Tt,
    Ty,
    Expr,
    Path,
    Pat,
    Stmt,
    Block,
    Item,
    Vis,
    Meta,
}

impl Kind {
    fn of(s: &str) -> Option<Kind> {
        Some(match s {
            "ident" => Kind::Ident,
            "literal" => Kind::Literal,
            "lifetime" => Kind::Lifetime,
            "tt" => Kind::Tt,
            "ty" => Kind::Ty,
            "expr" | "expr_2021" => Kind::Expr,
            "path" => Kind::Path,
            "pat" | "pat_param" => Kind::Pat,
            "stmt" => Kind::Stmt,
            "block" => Kind::Block,
            "item" => Kind::Item,
            "vis" => Kind::Vis,
            "meta" => Kind::Meta,
            _ => return None,
        })
    }
}

/// What a fragment matched: its tokens, or one binding per repetition.
#[derive(Debug, Clone)]
enum Frag {
    Leaf(Vec<TokenTree>),
    Seq(Vec<Frag>),
}

type Bindings = HashMap<String, Frag>;

/// The macros of a file by name (later definitions shadow earlier ones).
pub(crate) type Macros = HashMap<String, Rc<MacroDef>>;

/// Adds the `macro_rules!` definitions among `items` (and in inline modules) to `out`.
pub(crate) fn collect(items: &[syn::Item], out: &mut Macros) {
    for item in items {
        match item {
            syn::Item::Macro(m) if m.mac.path.is_ident("macro_rules") => {
                if let (Some(name), Some(def)) = (&m.ident, parse_def(&m.mac.tokens)) {
                    out.insert(name.to_string(), Rc::new(def));
                }
            }
            syn::Item::Mod(m) => {
                if let Some((_, inner)) = &m.content {
                    collect(inner, out);
                }
            }
            _ => {}
        }
    }
}

/// The definitions among `items` (and inline modules) other files may invoke: `#[macro_export]`
/// ones and those the module re-exports by path (`pub(crate) use name;`): name and body text.
pub(crate) fn exported(items: &[syn::Item], out: &mut Vec<(String, String)>) {
    // Macros made importable by path (`pub(crate) use route_7_levels;` beside the
    // definition, for `use crate::routes::macros::route_7_levels;` elsewhere).
    let mut reexported = std::collections::HashSet::new();
    for item in items {
        if let syn::Item::Use(u) = item {
            if !matches!(u.vis, syn::Visibility::Inherited) {
                use_names(&u.tree, &mut reexported);
            }
        }
    }
    for item in items {
        match item {
            syn::Item::Macro(m)
                if m.mac.path.is_ident("macro_rules")
                    && (m.attrs.iter().any(|a| a.path().is_ident("macro_export"))
                        || m.ident.as_ref().is_some_and(|i| reexported.contains(i))) =>
            {
                if let Some(name) = &m.ident {
                    out.push((name.to_string(), m.mac.tokens.to_string()));
                }
            }
            syn::Item::Mod(m) => {
                if let Some((_, inner)) = &m.content {
                    exported(inner, out);
                }
            }
            _ => {}
        }
    }
}

/// The single names a `use` item brings in (`use a;`, `use {a, b};`), not paths.
fn use_names(t: &syn::UseTree, out: &mut std::collections::HashSet<Ident>) {
    match t {
        syn::UseTree::Name(n) => {
            out.insert(n.ident.clone());
        }
        syn::UseTree::Group(g) => {
            for t in &g.items {
                use_names(t, out);
            }
        }
        _ => {}
    }
}

/// Definitions exported by other files (from [`exported`]), for a file that invokes them.
pub(crate) fn foreign(defs: &[(String, String)], out: &mut Macros) {
    for (name, body) in defs {
        if out.contains_key(name) {
            continue;
        }
        let Ok(ts) = body.parse::<TokenStream>() else {
            continue;
        };
        if let Some(mut def) = parse_def(&ts) {
            def.foreign = true;
            out.insert(name.clone(), Rc::new(def));
        }
    }
}

/// The rules of a definition's body: `(matcher) => {transcriber};` repeated.
fn parse_def(body: &TokenStream) -> Option<MacroDef> {
    let toks: Vec<TokenTree> = body.clone().into_iter().collect();
    let mut rules = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let TokenTree::Group(matcher) = &toks[i] else {
            return None;
        };
        let arrow = matches!(
            (toks.get(i + 1), toks.get(i + 2)),
            (Some(TokenTree::Punct(a)), Some(TokenTree::Punct(b))) if a.as_char() == '=' && b.as_char() == '>'
        );
        let Some(TokenTree::Group(body)) = toks.get(i + 3) else {
            return None;
        };
        if !arrow {
            return None;
        }
        rules.push((parse_matcher(matcher.stream())?, body.stream()));
        i += 4;
        if matches!(toks.get(i), Some(TokenTree::Punct(p)) if p.as_char() == ';') {
            i += 1;
        }
    }
    let routes = rules.iter().any(|(_, t)| names_routing(t));
    (!rules.is_empty()).then_some(MacroDef {
        rules,
        foreign: false,
        routes,
    })
}

fn parse_matcher(ts: TokenStream) -> Option<Vec<M>> {
    let toks: Vec<TokenTree> = ts.into_iter().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        match &toks[i] {
            TokenTree::Punct(p) if p.as_char() == '$' => match toks.get(i + 1) {
                Some(TokenTree::Ident(name)) => {
                    let colon =
                        matches!(toks.get(i + 2), Some(TokenTree::Punct(c)) if c.as_char() == ':');
                    match (colon, toks.get(i + 3)) {
                        (true, Some(TokenTree::Ident(kind))) => {
                            out.push(M::Frag(name.to_string(), Kind::of(&kind.to_string())?));
                            i += 4;
                        }
                        _ => return None,
                    }
                }
                Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Parenthesis => {
                    let body = parse_matcher(g.stream())?;
                    let (sep, op, used) = rep_suffix(&toks[i + 2..])?;
                    out.push(M::Rep(body, sep, op));
                    i += 2 + used;
                }
                _ => return None,
            },
            TokenTree::Group(g) => {
                out.push(M::Group(g.delimiter(), parse_matcher(g.stream())?));
                i += 1;
            }
            t => {
                out.push(M::Tok(t.clone()));
                i += 1;
            }
        }
    }
    Some(out)
}

/// After `$( .. )`: an optional separator and the operator; the tokens used.
fn rep_suffix(rest: &[TokenTree]) -> Option<(Option<TokenTree>, char, usize)> {
    let op = |t: Option<&TokenTree>| match t {
        Some(TokenTree::Punct(p)) if matches!(p.as_char(), '*' | '+' | '?') => Some(p.as_char()),
        _ => None,
    };
    if let Some(o) = op(rest.first()) {
        // `$(a),*` has `,` as separator; `$(a)*` none. A `?` is never a separator.
        if o != '?' || op(rest.get(1)).is_none() {
            return Some((None, o, 1));
        }
    }
    let o = op(rest.get(1))?;
    Some((rest.first().cloned(), o, 2))
}

/// Expands an invocation of `def` with input `input`; `None` when no rule matches.
pub(crate) fn expand(
    def: &MacroDef,
    input: TokenStream,
    call_site: Option<Span>,
) -> Option<TokenStream> {
    let toks: Vec<TokenTree> = input.into_iter().collect();
    if toks.len() > MAX_INPUT {
        return None;
    }
    for (matcher, body) in &def.rules {
        let mut b = Bindings::new();
        if match_seq(matcher, &toks, 0, &mut b) == Some(toks.len()) {
            let mut out = Vec::new();
            transcribe(body.clone(), &b, &mut Vec::new(), call_site, &mut out)?;
            return Some(out.into_iter().collect());
        }
    }
    None
}

fn same(a: &TokenTree, b: &TokenTree) -> bool {
    match (a, b) {
        (TokenTree::Punct(x), TokenTree::Punct(y)) => x.as_char() == y.as_char(),
        (TokenTree::Ident(x), TokenTree::Ident(y)) => x == y,
        (TokenTree::Literal(x), TokenTree::Literal(y)) => x.to_string() == y.to_string(),
        _ => false,
    }
}

/// Matches `ms` against `toks` from `pos`: the position after the match.
fn match_seq(ms: &[M], toks: &[TokenTree], mut pos: usize, b: &mut Bindings) -> Option<usize> {
    for m in ms {
        match m {
            M::Tok(t) => {
                if !same(t, toks.get(pos)?) {
                    return None;
                }
                pos += 1;
            }
            M::Group(d, inner) => {
                let TokenTree::Group(g) = toks.get(pos)? else {
                    return None;
                };
                if g.delimiter() != *d {
                    return None;
                }
                let gt: Vec<TokenTree> = g.stream().into_iter().collect();
                if match_seq(inner, &gt, 0, b)? != gt.len() {
                    return None;
                }
                pos += 1;
            }
            M::Frag(name, kind) => {
                let n = fragment(*kind, &toks[pos..])?;
                b.insert(name.clone(), Frag::Leaf(toks[pos..pos + n].to_vec()));
                pos += n;
            }
            M::Rep(body, sep, op) => {
                let mut reps: Vec<Bindings> = Vec::new();
                loop {
                    let mut p = pos;
                    if !reps.is_empty() {
                        if let Some(s) = sep {
                            match toks.get(p) {
                                Some(t) if same(s, t) => p += 1,
                                _ => break,
                            }
                        }
                    }
                    let mut inner = Bindings::new();
                    match match_seq(body, toks, p, &mut inner) {
                        // A repetition that consumes nothing would repeat forever.
                        Some(np) if np > pos => {
                            reps.push(inner);
                            pos = np;
                        }
                        _ => break,
                    }
                    if *op == '?' {
                        break;
                    }
                }
                if *op == '+' && reps.is_empty() {
                    return None;
                }
                let mut names = Vec::new();
                frag_names(body, &mut names);
                for name in names {
                    let seq = reps
                        .iter_mut()
                        .filter_map(|r| r.remove(&name))
                        .collect::<Vec<_>>();
                    b.insert(name, Frag::Seq(seq));
                }
            }
        }
    }
    Some(pos)
}

fn frag_names(ms: &[M], out: &mut Vec<String>) {
    for m in ms {
        match m {
            M::Frag(n, _) => out.push(n.clone()),
            M::Group(_, inner) | M::Rep(inner, _, _) => frag_names(inner, out),
            M::Tok(_) => {}
        }
    }
}

/// How many tokens of `toks` a fragment of `kind` takes.
fn fragment(kind: Kind, toks: &[TokenTree]) -> Option<usize> {
    use syn::parse::{ParseStream, Parser};
    let first = toks.first();
    match kind {
        Kind::Ident => matches!(first?, TokenTree::Ident(_)).then_some(1),
        Kind::Tt => first.map(|_| 1),
        Kind::Literal => match first? {
            TokenTree::Literal(_) => Some(1),
            TokenTree::Ident(i) if i == "true" || i == "false" => Some(1),
            TokenTree::Punct(p) if p.as_char() == '-' => {
                matches!(toks.get(1)?, TokenTree::Literal(_)).then_some(2)
            }
            _ => None,
        },
        Kind::Lifetime => match (first?, toks.get(1)?) {
            (TokenTree::Punct(p), TokenTree::Ident(_))
                if p.as_char() == '\'' && p.spacing() == Spacing::Joint =>
            {
                Some(2)
            }
            _ => None,
        },
        _ => {
            let ts: TokenStream = toks.iter().cloned().collect();
            let parse = |input: ParseStream| -> syn::Result<usize> {
                match kind {
                    Kind::Ty => drop(input.parse::<syn::Type>()?),
                    Kind::Expr => drop(input.parse::<syn::Expr>()?),
                    Kind::Path => drop(input.parse::<syn::Path>()?),
                    Kind::Pat => drop(syn::Pat::parse_single(input)?),
                    Kind::Stmt => drop(input.parse::<syn::Stmt>()?),
                    Kind::Block => drop(input.parse::<syn::Block>()?),
                    Kind::Item => drop(input.parse::<syn::Item>()?),
                    Kind::Vis => drop(input.parse::<syn::Visibility>()?),
                    Kind::Meta => drop(input.parse::<syn::Meta>()?),
                    _ => unreachable!("token kinds are taken above"),
                }
                let rest: TokenStream = input.parse()?;
                Ok(rest.into_iter().count())
            };
            let rest = parse.parse2(ts).ok()?;
            Some(toks.len() - rest)
        }
    }
}

/// The binding of `name` at the repetition indices `idx`.
fn lookup<'b>(b: &'b Bindings, name: &str, idx: &[usize]) -> Option<&'b [TokenTree]> {
    let mut f = b.get(name)?;
    let mut depth = 0;
    loop {
        match f {
            Frag::Leaf(t) => return Some(t),
            Frag::Seq(v) => {
                f = v.get(*idx.get(depth)?)?;
                depth += 1;
            }
        }
    }
}

/// How many times a repetition at depth `idx.len()` runs: the length of the sequence of a
/// fragment it uses.
fn rep_count(ts: &TokenStream, b: &Bindings, idx: &[usize]) -> Option<usize> {
    let toks: Vec<TokenTree> = ts.clone().into_iter().collect();
    for (i, t) in toks.iter().enumerate() {
        match t {
            TokenTree::Punct(p) if p.as_char() == '$' => {
                if let Some(TokenTree::Ident(name)) = toks.get(i + 1) {
                    let mut f = b.get(&name.to_string());
                    for &k in idx {
                        f = match f {
                            Some(Frag::Seq(v)) => v.get(k),
                            other => other,
                        };
                    }
                    if let Some(Frag::Seq(v)) = f {
                        return Some(v.len());
                    }
                }
            }
            TokenTree::Group(g) => {
                if let Some(n) = rep_count(&g.stream(), b, idx) {
                    return Some(n);
                }
            }
            _ => {}
        }
    }
    None
}

/// Writes the transcriber `ts` with the bindings substituted. Tokens of the transcriber take
/// `call_site` as span when given (a macro of another file: its own spans would point into
/// that file).
fn transcribe(
    ts: TokenStream,
    b: &Bindings,
    idx: &mut Vec<usize>,
    call_site: Option<Span>,
    out: &mut Vec<TokenTree>,
) -> Option<()> {
    let toks: Vec<TokenTree> = ts.into_iter().collect();
    let mut i = 0;
    while i < toks.len() {
        match &toks[i] {
            TokenTree::Punct(p) if p.as_char() == '$' => match toks.get(i + 1) {
                Some(TokenTree::Ident(name)) if name == "crate" => {
                    out.push(TokenTree::Ident(Ident::new(
                        "crate",
                        call_site.unwrap_or_else(|| name.span()),
                    )));
                    i += 2;
                }
                Some(TokenTree::Ident(name)) => {
                    if let Some(tokens) = lookup(b, &name.to_string(), idx) {
                        out.extend(tokens.iter().cloned());
                    } else {
                        // Not a fragment of this macro (a nested definition's): as written.
                        out.push(toks[i].clone());
                        out.push(toks[i + 1].clone());
                    }
                    i += 2;
                }
                Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Parenthesis => {
                    let (sep, _, used) = rep_suffix(&toks[i + 2..])?;
                    let n = rep_count(&g.stream(), b, idx)?;
                    for k in 0..n {
                        if k > 0 {
                            if let Some(s) = &sep {
                                out.push(s.clone());
                            }
                        }
                        idx.push(k);
                        transcribe(g.stream(), b, idx, call_site, out)?;
                        idx.pop();
                    }
                    i += 2 + used;
                }
                _ => {
                    out.push(toks[i].clone());
                    i += 1;
                }
            },
            TokenTree::Group(g) => {
                let mut inner = Vec::new();
                transcribe(g.stream(), b, idx, call_site, &mut inner)?;
                let mut ng = Group::new(g.delimiter(), inner.into_iter().collect());
                ng.set_span(call_site.unwrap_or_else(|| g.span()));
                out.push(TokenTree::Group(ng));
                i += 1;
            }
            t => {
                let mut t = t.clone();
                if let Some(s) = call_site {
                    t.set_span(s);
                }
                out.push(t);
                i += 1;
            }
        }
    }
    Some(())
}

/// The tokens with `span` everywhere.
pub(crate) fn respan(ts: TokenStream, span: Span) -> TokenStream {
    ts.into_iter()
        .map(|t| match t {
            TokenTree::Group(g) => {
                let mut ng = Group::new(g.delimiter(), respan(g.stream(), span));
                ng.set_span(span);
                TokenTree::Group(ng)
            }
            mut t => {
                t.set_span(span);
                t
            }
        })
        .collect()
}

/// Whether a macro is the `paste` crate's (`paste!`, `paste::item!`, `paste::expr!`).
pub(crate) fn is_paste(path: &syn::Path) -> bool {
    let segs: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
    match segs.as_slice() {
        [one] => one == "paste",
        [first, last] => first == "paste" && matches!(last.as_str(), "paste" | "item" | "expr"),
        _ => false,
    }
}

/// What `paste!` writes: each `[< .. >]` pasted into one identifier (its pieces'
/// text, quotes of literals removed, `:lower`, `:upper`, `:snake` and `:camel` applied to
/// the piece before them); `None` when a paste holds something else.
pub(crate) fn paste(ts: TokenStream) -> Option<TokenStream> {
    let mut out = Vec::new();
    for t in ts {
        match t {
            TokenTree::Group(g) if g.delimiter() == Delimiter::Bracket && is_paste_group(&g) => {
                out.push(TokenTree::Ident(pasted(&g)?));
            }
            TokenTree::Group(g) => {
                let mut ng = Group::new(g.delimiter(), paste(g.stream())?);
                ng.set_span(g.span());
                out.push(TokenTree::Group(ng));
            }
            t => out.push(t),
        }
    }
    Some(out.into_iter().collect())
}

fn is_paste_group(g: &Group) -> bool {
    let toks: Vec<TokenTree> = g.stream().into_iter().collect();
    matches!((toks.first(), toks.last()), (Some(TokenTree::Punct(a)), Some(TokenTree::Punct(b)))
        if a.as_char() == '<' && b.as_char() == '>' && toks.len() > 2)
}

fn pasted(g: &Group) -> Option<Ident> {
    let toks: Vec<TokenTree> = g.stream().into_iter().collect();
    let inner = &toks[1..toks.len() - 1];
    let mut name = String::new();
    let mut piece = String::new();
    let mut span = None;
    let mut i = 0;
    while i < inner.len() {
        match &inner[i] {
            TokenTree::Ident(id) => {
                name.push_str(&std::mem::take(&mut piece));
                piece = id.to_string();
                span.get_or_insert(id.span());
            }
            TokenTree::Literal(l) => {
                name.push_str(&std::mem::take(&mut piece));
                piece = l.to_string().trim_matches('"').to_string();
            }
            TokenTree::Punct(p) if p.as_char() == ':' => {
                let TokenTree::Ident(m) = inner.get(i + 1)? else {
                    return None;
                };
                piece = match m.to_string().as_str() {
                    "lower" => piece.to_lowercase(),
                    "upper" => piece.to_uppercase(),
                    "snake" => snake(&piece),
                    "camel" => piece
                        .split('_')
                        .map(|w| {
                            let mut c = w.chars();
                            c.next().map_or(String::new(), |f| {
                                f.to_uppercase().chain(c).collect::<String>()
                            })
                        })
                        .collect(),
                    _ => return None,
                };
                i += 1;
            }
            _ => return None,
        }
        i += 1;
    }
    name.push_str(&piece);
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let name = name.strip_prefix("r#").unwrap_or(&name).to_string();
    syn::parse_str::<Ident>(&name).ok()?;
    Some(Ident::new(&name, span.unwrap_or_else(|| g.span())))
}

fn snake(s: &str) -> String {
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// Tokens in a stream, groups' contents included.
pub(crate) fn count_tokens(ts: &TokenStream) -> usize {
    ts.clone()
        .into_iter()
        .map(|t| match t {
            TokenTree::Group(g) => 1 + count_tokens(&g.stream()),
            _ => 1,
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn def(src: &str) -> MacroDef {
        let file: syn::File = syn::parse_str(src).unwrap();
        let mut m = Macros::new();
        collect(&file.items, &mut m);
        let (_, d) = m.into_iter().next().unwrap();
        Rc::try_unwrap(d).unwrap()
    }

    fn exp(d: &MacroDef, input: &str) -> Option<String> {
        expand(d, input.parse().unwrap(), None).map(|t| t.to_string())
    }

    #[test]
    fn fragments_and_repetitions() {
        let d = def(
            "macro_rules! m { ($($p:literal => $h:ident),* $(,)?) => { Router::new() $(.route($p, get($h)))* }; }",
        );
        assert_eq!(
            exp(&d, r#""/a" => a, "/b" => b,"#).unwrap(),
            r#"Router :: new () . route ("/a" , get (a)) . route ("/b" , get (b))"#
        );
        assert_eq!(exp(&d, "").unwrap(), "Router :: new ()");
        assert!(exp(&d, "a => b").is_none());
    }

    #[test]
    fn rules_in_order_and_nested_groups() {
        let d = def(
            "macro_rules! m { (one $e:expr) => { f($e) }; ({k: $t:ty, v: $v:expr}) => { g::<$t>($v + 1) }; }",
        );
        assert_eq!(exp(&d, "one x.y()").unwrap(), "f (x . y ())");
        assert_eq!(
            exp(&d, "{k: Vec<u8>, v: 2}").unwrap(),
            "g ::<Vec < u8 >> (2 + 1)"
        );
        assert!(exp(&d, "two").is_none());
    }

    #[test]
    fn nested_repetitions_and_crate() {
        let d = def(
            "macro_rules! m { ($($m:ident { $($x:ident)+ })*) => { $(mod $m { $(use $crate::$x;)+ })* }; }",
        );
        assert_eq!(
            exp(&d, "a { x y } b { z }").unwrap(),
            "mod a { use crate ::x ; use crate ::y ; } mod b { use crate ::z ; }"
        );
    }

    #[test]
    fn bombs_are_bounded() {
        // Each expansion invokes the macro twice on its input less one token: 2^n
        // expansions without limits. A file of it is lowered quickly, within the budget.
        let src = format!(
            "macro_rules! b {{ () => {{}}; ($x:tt $($r:tt)*) => {{ b!($($r)*); b!($($r)*); fn f() {{}} }}; }}\nb!({});",
            "x ".repeat(40)
        );
        let file: syn::File = syn::parse_str(&src).unwrap();
        let mut lw = crate::ir::Lowerer::new(0, 0, &src, &file.items);
        lw.items(&file.items, &["c".to_string()], false);
        assert!(lw.out.fns.len() < 100_000, "{}", lw.out.fns.len());
        assert!(lw.expansion.get().0 == 0);
        // A long invocation is not matched at all.
        let d = def("macro_rules! m { ($($e:expr),*) => { [$($e),*] }; }");
        let list = |n: usize| vec!["1"; n].join(", ");
        assert!(exp(&d, &list(MAX_INPUT)).is_none());
        assert!(exp(&d, &list(100)).is_some());
    }

    #[test]
    fn unknown_fragment_kind_is_no_macro() {
        let file: syn::File = syn::parse_str("macro_rules! m { ($x:weird) => {}; }").unwrap();
        let mut m = Macros::new();
        collect(&file.items, &mut m);
        assert!(m.is_empty());
    }
}
