//! Code that only runs when a debug setting is on: a private function of a file named only
//! inside an `if` whose condition reads a debug or development setting
//! (`if CONFIG.debug.log_request_bodies { router = router.layer(from_fn(print_body)) }`), or
//! only by other such functions. Like `#[cfg(debug_assertions)]` code, it is not what the
//! service runs by default: the flow rules' findings in it are not reported.

use super::*;

/// The spans of the file's private functions that only run under a debug setting.
pub(crate) fn debug_only_fns(w: &Walker<'_, '_>, file: &syn::File) -> Vec<Span> {
    let mut fns = Fns::default();
    fns.visit_file(file);
    if fns.private.is_empty() {
        return Vec::new();
    }
    let names: HashSet<&str> = fns.private.iter().map(|(n, _)| n.as_str()).collect();
    let mut refs = Refs {
        names: &names,
        debug: 0,
        within: Vec::new(),
        found: Vec::new(),
    };
    refs.visit_file(file);
    // A function is debug-only when named at least once and every mention is under a debug
    // condition or inside a debug-only function (itself excepted).
    let mut debug: HashSet<&str> = HashSet::new();
    loop {
        let more: Vec<&str> = names
            .iter()
            .copied()
            .filter(|n| !debug.contains(n))
            .filter(|n| {
                let mut mentions = refs
                    .found
                    .iter()
                    .filter(|(r, _, within)| r == n && within.as_deref() != Some(*n))
                    .peekable();
                mentions.peek().is_some()
                    && mentions.all(|(_, under_debug, within)| {
                        *under_debug || within.as_deref().is_some_and(|w| debug.contains(w))
                    })
            })
            .collect();
        if more.is_empty() {
            break;
        }
        debug.extend(more);
    }
    fns.private
        .iter()
        .filter(|(n, _)| debug.contains(n.as_str()))
        .map(|(_, f)| w.span(*f))
        .collect()
}

/// The file's private free functions (outside test code), by name; a name defined twice is
/// left out.
#[derive(Default)]
struct Fns<'a> {
    private: Vec<(String, &'a syn::ItemFn)>,
    twice: HashSet<String>,
}

impl<'a> Visit<'a> for Fns<'a> {
    fn visit_item_fn(&mut self, f: &'a syn::ItemFn) {
        let name = f.sig.ident.to_string();
        if self.private.iter().any(|(n, _)| *n == name) {
            self.twice.insert(name.clone());
            self.private.retain(|(n, _)| *n != name);
        }
        if matches!(f.vis, syn::Visibility::Inherited) && !self.twice.contains(&name) {
            self.private.push((name, f));
        }
    }
    fn visit_item_mod(&mut self, _: &'a syn::ItemMod) {}
    fn visit_item_impl(&mut self, _: &'a syn::ItemImpl) {}
}

/// The mentions of the functions `names`: each with whether it is under a debug condition
/// and the function it is written in.
struct Refs<'n> {
    names: &'n HashSet<&'n str>,
    debug: usize,
    within: Vec<String>,
    found: Vec<(String, bool, Option<String>)>,
}

impl Refs<'_> {
    fn mention(&mut self, name: &str) {
        if self.names.contains(name) {
            self.found
                .push((name.to_owned(), self.debug > 0, self.within.last().cloned()));
        }
    }
}

impl<'a> Visit<'a> for Refs<'_> {
    fn visit_item_fn(&mut self, f: &'a syn::ItemFn) {
        self.within.push(f.sig.ident.to_string());
        visit::visit_item_fn(self, f);
        self.within.pop();
    }
    fn visit_impl_item_fn(&mut self, f: &'a syn::ImplItemFn) {
        self.within.push(String::new());
        visit::visit_impl_item_fn(self, f);
        self.within.pop();
    }
    fn visit_expr_if(&mut self, i: &'a syn::ExprIf) {
        self.visit_expr(&i.cond);
        let debug = crate::rust::dev_only_condition(&i.cond) == Some(true);
        self.debug += usize::from(debug);
        self.visit_block(&i.then_branch);
        self.debug -= usize::from(debug);
        if let Some((_, e)) = &i.else_branch {
            self.visit_expr(e);
        }
    }
    fn visit_path(&mut self, p: &'a syn::Path) {
        if let Some(s) = p.segments.last() {
            self.mention(&s.ident.to_string());
        }
        visit::visit_path(self, p);
    }
    fn visit_macro(&mut self, m: &'a syn::Macro) {
        fn idents(t: proc_macro2::TokenStream, out: &mut Vec<String>) {
            for t in t {
                match t {
                    proc_macro2::TokenTree::Ident(i) => out.push(i.to_string()),
                    proc_macro2::TokenTree::Group(g) => idents(g.stream(), out),
                    _ => {}
                }
            }
        }
        let mut out = Vec::new();
        idents(m.tokens.clone(), &mut out);
        for i in out {
            self.mention(&i);
        }
        visit::visit_macro(self, m);
    }
}
