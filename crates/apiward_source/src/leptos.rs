//! Page routes of a leptos application: the `<Route path=.. view=../>` elements of a
//! component's `view!` (nested in `<ParentRoute>`s), which `generate_route_list(App)` lists
//! and `.leptos_routes(..)` serves, each page by a `GET` of the server that renders it.
//!
//! Paths are written `path="/article/:title"` (leptos 0.6), `path=path!("/article/:title")`,
//! or as segments `path=(StaticSegment("article"), ParamSegment("title"))` (0.7); they are
//! listed as `/article/{title}` (`*rest` as `{*rest}`).

use proc_macro2::{Delimiter, TokenStream, TokenTree};

use crate::path::{join_nest, normalize_path};
use syn::visit::Visit;

/// What a component's `view!` holds of a route tree.
#[derive(Debug, Clone)]
pub(crate) enum PageItem {
    /// A page at a path (its parents' prefixes joined), where its element is written.
    Route { path: String, at: proc_macro2::Span },
    /// A component of the project named inside a route tree, under this prefix (routes
    /// written in a component of their own: `<ArticleRoutes/>`).
    Component { name: String, prefix: String },
}

/// The route trees of every `view!` in a function's body.
pub(crate) fn page_items(block: &syn::Block) -> Vec<PageItem> {
    struct Views(Vec<PageItem>);
    impl<'ast> Visit<'ast> for Views {
        fn visit_macro(&mut self, m: &'ast syn::Macro) {
            if m.path.segments.last().is_some_and(|s| s.ident == "view") {
                let mut stack = Vec::new();
                walk(m.tokens.clone(), &mut stack, &mut self.0, false);
            }
        }
    }
    let mut v = Views(Vec::new());
    v.visit_block(block);
    v.0
}

/// Whether an element names a route (`Route`, `ParentRoute`, `ProtectedRoute`, a project's
/// `IbisProtectedRoute`), not the tree itself (`Routes`, `FlatRoutes`, `Router`).
fn is_route(name: &str) -> bool {
    name.ends_with("Route")
}

fn walk(ts: TokenStream, stack: &mut Vec<String>, out: &mut Vec<PageItem>, in_tree: bool) {
    let toks: Vec<TokenTree> = ts.into_iter().collect();
    let mut in_tree = in_tree;
    let mut i = 0;
    while i < toks.len() {
        match &toks[i] {
            TokenTree::Group(g) if g.delimiter() == Delimiter::Brace => {
                walk(g.stream(), stack, out, in_tree);
            }
            TokenTree::Punct(p) if p.as_char() == '<' => {
                // `</ParentRoute>` closes a prefix; `</Routes>` the tree.
                if let (Some(TokenTree::Punct(slash)), Some(TokenTree::Ident(name))) =
                    (toks.get(i + 1), toks.get(i + 2))
                {
                    if slash.as_char() == '/' {
                        let n = name.to_string();
                        if is_route(&n) {
                            stack.pop();
                        } else if n.ends_with("Routes") {
                            in_tree = false;
                        }
                        i += 3;
                        continue;
                    }
                }
                let Some(TokenTree::Ident(name)) = toks.get(i + 1) else {
                    i += 1;
                    continue;
                };
                let n = name.to_string();
                // The element's attributes, up to its `>` or `/>`.
                let mut j = i + 2;
                let mut path = None;
                let mut closed = false;
                while j < toks.len() {
                    match &toks[j] {
                        TokenTree::Punct(p) if p.as_char() == '>' => break,
                        TokenTree::Punct(p)
                            if p.as_char() == '/'
                                && matches!(toks.get(j + 1), Some(TokenTree::Punct(q)) if q.as_char() == '>') =>
                        {
                            closed = true;
                            j += 1;
                            break;
                        }
                        TokenTree::Ident(a) if a == "path" => {
                            if matches!(toks.get(j + 1), Some(TokenTree::Punct(q)) if q.as_char() == '=')
                            {
                                path = path_value(&toks[j + 2..]);
                            }
                        }
                        _ => {}
                    }
                    j += 1;
                }
                if n.ends_with("Routes") && !closed {
                    in_tree = true;
                } else if is_route(&n) {
                    let prefix = stack.last().cloned().unwrap_or_default();
                    let full = join_nest(&prefix, path.as_deref().unwrap_or(""));
                    if closed {
                        out.push(PageItem::Route {
                            path: full,
                            at: name.span(),
                        });
                    } else {
                        // A parent route: the prefix of its children, a page only through
                        // a child at `""`.
                        stack.push(full);
                    }
                } else if in_tree && n.starts_with(|c: char| c.is_ascii_uppercase()) {
                    out.push(PageItem::Component {
                        name: n,
                        prefix: stack.last().cloned().unwrap_or_default(),
                    });
                }
                i = j + 1;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
}

/// The path an attribute value writes: a string, `path!("..")`, a segment or a tuple of them.
fn path_value(toks: &[TokenTree]) -> Option<String> {
    match toks.first()? {
        TokenTree::Literal(l) => Some(normalize_path(&unquote(&l.to_string())?)),
        TokenTree::Ident(m) if m == "path" => match (toks.get(1), toks.get(2)) {
            (Some(TokenTree::Punct(b)), Some(TokenTree::Group(g))) if b.as_char() == '!' => {
                let lit = g.stream().into_iter().next()?;
                Some(normalize_path(&unquote(&lit.to_string())?))
            }
            _ => None,
        },
        TokenTree::Ident(seg) => segment(&seg.to_string(), toks.get(1)?),
        TokenTree::Group(g) if g.delimiter() == Delimiter::Parenthesis => {
            let inner: Vec<TokenTree> = g.stream().into_iter().collect();
            let mut out = String::new();
            let mut k = 0;
            while k < inner.len() {
                if let TokenTree::Ident(seg) = &inner[k] {
                    out.push_str(&segment(&seg.to_string(), inner.get(k + 1)?)?);
                    k += 2;
                } else {
                    k += 1;
                }
            }
            Some(out)
        }
        _ => None,
    }
}

/// `StaticSegment("about")` → `/about`, `ParamSegment("id")` → `/{id}`,
/// `WildcardSegment("any")` → `/{*any}`.
fn segment(kind: &str, args: &TokenTree) -> Option<String> {
    let TokenTree::Group(g) = args else {
        return None;
    };
    let lit = unquote(&g.stream().into_iter().next()?.to_string())?;
    match kind {
        "StaticSegment" if lit.is_empty() => Some(String::new()),
        "StaticSegment" => Some(format!("/{}", lit.trim_matches('/'))),
        "ParamSegment" | "OptionalParamSegment" => Some(format!("/{{{lit}}}")),
        "WildcardSegment" => Some(format!("/{{*{lit}}}")),
        _ => None,
    }
}

fn unquote(s: &str) -> Option<String> {
    s.strip_prefix('"')?.strip_suffix('"').map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(src: &str) -> Vec<String> {
        let f: syn::ItemFn = syn::parse_str(src).unwrap();
        page_items(&f.block)
            .into_iter()
            .map(|i| match i {
                PageItem::Route { path, .. } => path,
                PageItem::Component { name, prefix } => format!("<{name}> at {prefix}"),
            })
            .collect()
    }

    #[test]
    fn route_trees() {
        let got = paths(
            r#"fn App() -> impl IntoView {
                view! {
                    <Router>
                        <nav><A href="/">"Home"</A></nav>
                        <Routes fallback=|| "Not found.">
                            <Route path=path!("/") view=Home/>
                            <Route path="/article/:title" view=Article/>
                            <ProtectedRoute path=path!("/article/:title/edit") view=Edit condition=move || true redirect_path=|| "/login"/>
                            <ParentRoute path=(StaticSegment("users"), ParamSegment("id")) view=User>
                                <Route path=StaticSegment("") view=Profile/>
                                <Route path=StaticSegment("posts") view=Posts/>
                            </ParentRoute>
                            <Route path=path!("/files/*rest") view=Files/>
                            <AdminRoutes/>
                        </Routes>
                    </Router>
                }
            }"#,
        );
        assert_eq!(
            got,
            [
                "/",
                "/article/{title}",
                "/article/{title}/edit",
                "/users/{id}",
                "/users/{id}/posts",
                "/files/{*rest}",
                "<AdminRoutes> at ",
            ]
        );
    }
}
