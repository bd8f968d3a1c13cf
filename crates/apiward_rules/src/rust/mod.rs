//! Rules on the code of Rust web services (axum, actix-web, Rocket): what handler, router and
//! server code gets wrong, each finding at the offending expression.
//!
//! Two kinds of check live here:
//! - route rules read the [`Inventory`] (`unauthenticated-route`): no parsing of their own;
//! - expression rules walk the `syn` tree of each file ([`Walker`]), one file per rayon task.
//!   `syn`/`proc-macro2` values are not `Send`, so everything a file yields is turned into
//!   plain data ([`FileFacts`]: byte spans and strings) on the thread that parsed it.
//!
//! A few findings need the whole project: a key passed by the name of a constant defined in
//! another file (`hardcoded-secret`), and whether a crate binds any TLS listener at all
//! (`http-only-server`). Those are decided after the parallel pass, from the facts.
//!
//! Test code yields no findings: `#[cfg(test)]` modules (also declared as `#[cfg(test)] mod
//! x;`), `#[test]` functions (any attribute named `test`, `#[tokio::test]` included),
//! statements under a test-only `cfg`, test-named files, files below `tests/` or `benches/`,
//! crates whose package is named for tests (`*-tester`, `*-testkit`, `mock-*`); for
//! `hardcoded-secret`, files below `examples/` too. `[rust] test-code` reports them.
//!
//! Suppression: `// apiward: ignore[rule] -- reason` at the end of the finding's line or on
//! the line above.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use apiward_diagnostics::{Diagnostic, LineIndex, Severity, Span, Text};
use apiward_source::Inventory;
use rayon::prelude::*;
use syn::spanned::Spanned;
use syn::visit::{self, Visit};

use crate::meta::RuleMeta;
use crate::select::Selection;

mod flow;
mod hardcoded_secret;
mod http_only_server;
mod jwt_validation_disabled;
mod permissive_cors;
mod served;
mod tls_verification_disabled;
mod unauthenticated_route;
mod unbounded_body;

#[cfg(test)]
mod tests;

/// What the project says about its Rust services (`[rust]` in apiward.toml).
#[derive(Debug, Clone, Default)]
pub struct RustRuleOptions {
    /// Paths (a trailing `/` makes a prefix) that are public on purpose: `unauthenticated-route`
    /// does not report routes there.
    pub public_paths: Vec<String>,
    /// TLS ends at a proxy or load balancer in front of the services (`tls = "proxy"`).
    pub tls_at_proxy: bool,
    /// Request body limits above this many bytes are `unbounded-body` findings
    /// (`max-body` in `[rust]`); `None` is the default ceiling.
    pub body_ceiling: Option<u128>,
    /// The project root: a file's crate (its `Cargo.toml`, its `Rocket.toml`) is looked
    /// for up to it, never above.
    pub root: Option<PathBuf>,
    /// Findings in the handlers of routes served only in a development environment are
    /// reported too (`[rust] dev-routes`).
    pub dev_routes: bool,
    /// Findings in test code are reported too (`[rust] test-code`): `#[cfg(test)]` modules
    /// (also declared as `#[cfg(test)] mod x;`), `#[test]` functions, test-named files,
    /// `#[cfg(debug_assertions)]` code and examples among the inputs.
    pub test_code: bool,
}

/// Every rule with a Rust check, and the byte strings without which a file cannot hold a
/// finding of it (the prefilter before parsing).
pub(crate) const RUST_RULES: &[(&str, &[&str])] = &[
    ("hardcoded-secret", hardcoded_secret::MARKERS),
    ("http-only-server", http_only_server::MARKERS),
    ("jwt-validation-disabled", jwt_validation_disabled::MARKERS),
    (flow::LEAK, flow::LEAK_MARKERS),
    ("unauthenticated-route", &[]),
    ("permissive-cors", permissive_cors::MARKERS),
    (flow::SQL, flow::SQL_MARKERS),
    (flow::SSRF, flow::SSRF_MARKERS),
    (
        "tls-verification-disabled",
        tls_verification_disabled::MARKERS,
    ),
    ("unbounded-body", unbounded_body::MARKERS),
    (flow::PAGE, flow::PAGE_MARKERS),
    (flow::ALLOC, flow::ALLOC_MARKERS),
];

/// Whether a file the markers let through holds what the rule reads: its bytes, and whether
/// they hold a word (answered from the shared scan for the plan's markers, by a search for
/// any other word).
type Refinement = fn(&[u8], &dyn Fn(&str) -> bool) -> bool;

/// `has` for a [`Refinement`] without a shared scan: a search per word.
#[cfg(test)]
pub(crate) fn search(bytes: &[u8]) -> impl Fn(&str) -> bool + '_ {
    move |w: &str| memchr::memmem::find(bytes, w.as_bytes()).is_some()
}

/// A second, sharper look at a file a rule's markers let through, for rules whose marker
/// words are common but whose constructs are not.
fn refinement(rule: &str) -> Option<Refinement> {
    match rule {
        "hardcoded-secret" => Some(hardcoded_secret::worth_parsing),
        "unbounded-body" => Some(unbounded_body::worth_parsing),
        flow::LEAK => Some(flow::leak_worth_parsing),
        _ => None,
    }
}

/// Whether some occurrence of `needle` outside a comment line has a string literal's quote
/// on its line, the line before, or the `after` lines after it.
pub(crate) fn near_quote(bytes: &[u8], needle: &[u8], after: usize) -> bool {
    memchr::memmem::find_iter(bytes, needle).any(|at| {
        let line_start = memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |i| i + 1);
        // A line that is a comment (`// …`, `/// …`) holds nothing the rules read.
        if bytes[line_start..at].trim_ascii_start().starts_with(b"//") {
            return false;
        }
        let start =
            memchr::memrchr(b'\n', &bytes[..line_start.saturating_sub(1)]).map_or(0, |i| i + 1);
        let end = memchr::memchr_iter(b'\n', &bytes[at..])
            .nth(after)
            .map_or(bytes.len(), |i| at + i);
        memchr::memchr(b'"', &bytes[start..end]).is_some()
    })
}

/// Runs the selected Rust rules on `files` (every `.rs` file of the project) and the routes
/// of `inv`, parsing the files the rules need. Files that cannot be read or parsed are
/// skipped silently: the inventory already reports them. [`scan_rust`] does the same from
/// one parse per file.
pub fn check_rust(
    files: &[PathBuf],
    inv: &Inventory,
    selection: &Selection,
    opts: &RustRuleOptions,
) -> Vec<Diagnostic> {
    let plan = Plan::new(files, selection, opts, false);
    let facts: Vec<Option<FileFacts>> = if plan.walk.is_empty() {
        Vec::new()
    } else {
        files
            .par_iter()
            .enumerate()
            // Small pieces (see `apiward_source::inventory_with`).
            .with_max_len(8)
            .map(|(i, f)| {
                let bytes = apiward_diagnostics::read::read_file(f).ok()?;
                if !plan.wants_bytes(i, &bytes) {
                    return None;
                }
                let text: Text = String::from_utf8(bytes).ok()?.into();
                let (base, content) = apiward_source::strip_preamble(&text);
                // A file too deep to parse is reported by the inventory; it is not walked.
                let visited = match apiward_source::depth::too_deep(content) {
                    None => apiward_source::visit_parsed(&plan, i, &text, base, content),
                    Some(_) => None,
                };
                proc_macro2::extra::invalidate_current_thread_spans();
                Some(visited.unwrap_or_else(|| plan.facts(i, &text, base, None, None, None)))
            })
            .collect()
    };
    // Helpers in files not walked, as in `scan_rust`.
    let facts = plan.with_helpers(facts);
    plan.finish(inv, facts)
}

/// Lists the routes of the Rust services (the [`Inventory`]) and runs the selected Rust
/// rules, reading and parsing every file at most once: the rules walk the tree the
/// inventory parsed.
pub fn scan_rust(
    files: &[PathBuf],
    source: &apiward_source::SourceOptions,
    selection: &Selection,
    opts: &RustRuleOptions,
) -> (Inventory, Vec<Diagnostic>) {
    // Routes are evaluated only when a selected rule reads them: the route rules, and every
    // rule about the service, whose findings count only in the crates that serve it
    // ([`served`]); not `hardcoded-secret` alone.
    let routes = RUST_RULES
        .iter()
        .map(|(id, _)| *id)
        .filter(|id| *id != "hardcoded-secret")
        .chain(crate::cross::RULES.iter().copied())
        .any(|r| selection.enabled(r));
    if !routes {
        let inv = Inventory::default();
        let diags = check_rust(files, &inv, selection, opts);
        return (inv, diags);
    }
    let plan = Plan::new(files, selection, opts, true);
    let (scanned, facts) = apiward_source::scan_with(files, source, &plan);
    // The routes are evaluated (serial) while the data-flow helpers are parsed.
    let (inv, facts) = rayon::join(|| scanned.evaluate(), || plan.with_helpers(facts));
    let diags = plan.finish(&inv, facts);
    (inv, diags)
}

/// The selected Rust rules and where each file sits.
struct Plan<'a> {
    files: &'a [PathBuf],
    places: Vec<Place>,
    enabled: Vec<&'static str>,
    /// The rules that walk syntax trees (all but `unauthenticated-route`).
    walk: Vec<&'static str>,
    selection: &'a Selection,
    opts: &'a RustRuleOptions,
    /// The distinct markers of the walking rules, as prebuilt searchers, and for each rule
    /// (as in `walk`) the indexes of its markers.
    markers: aho_corasick::AhoCorasick,
    /// Each distinct marker's index in `markers`.
    marker_index: HashMap<&'static str, usize>,
    rule_markers: Vec<Vec<usize>>,
    /// For each rule (as in `walk`), its [`refinement`].
    refine: Vec<Option<Refinement>>,
    /// Per file, what its bytes said (the visitor is asked first, then visits).
    looks: Vec<std::sync::OnceLock<Look>>,
    /// Indexes (in `markers`) of the sinks of every data-flow rule, when one is selected.
    sink_markers: Vec<usize>,
    /// Indexes (in `markers`) of the files every data-flow rule reads, when one is
    /// selected: such a file gets the flow pass whichever of them are selected, so that
    /// what the engine knows (helpers, structs) does not depend on the selection.
    flow_markers: Vec<usize>,
    /// Indexes (in `markers`) of [`flow::BOUND_ATTR_MARKERS`], when a data-flow rule is
    /// selected.
    bound_markers: Vec<usize>,
    /// Indexes (in `markers`) of the TLS set-ups, when `http-only-server` is selected.
    tls_markers: Vec<usize>,
    /// Indexes (in `markers`) of [`apiward_source::ROUTE_MARKERS`], when the plan serves
    /// the route inventory (one scan of each file for both).
    route_markers: Vec<usize>,
}

/// What the prefilter found in one file.
struct Look {
    wanted: Vec<&'static str>,
    tls: bool,
    /// When it holds a sink of a data-flow rule (one being selected), the functions it
    /// defines: it is read again only if a handler calls one of them.
    sink_fns: Vec<Box<str>>,
    /// It gets the data-flow pass (a data-flow rule is selected and the file holds the
    /// markers of one, selected or not).
    flow: bool,
    /// When it holds a validation bound and a data-flow rule is selected, the structs it
    /// defines: read again only if a finding depends on one of them.
    structs: Vec<Box<str>>,
    /// What the route markers say, when the plan looked for them.
    routes: Option<apiward_source::RouteMarks>,
    /// It holds an `apiward: ignore[` comment (audited at the end of the run).
    suppressions: bool,
}

impl<'a> Plan<'a> {
    /// `routes`: the plan serves the route inventory, and looks for its markers too.
    fn new(
        files: &'a [PathBuf],
        selection: &'a Selection,
        opts: &'a RustRuleOptions,
        routes: bool,
    ) -> Self {
        let enabled: Vec<&'static str> = RUST_RULES
            .iter()
            .map(|(id, _)| *id)
            .filter(|id| selection.enabled(id))
            // TLS that ends at a proxy makes a plain-TCP bind of the service expected.
            .filter(|id| !(opts.tls_at_proxy && *id == "http-only-server"))
            .collect();
        let walk: Vec<&'static str> = enabled
            .iter()
            .copied()
            .filter(|id| *id != "unauthenticated-route")
            .collect();
        let places = if walk.is_empty() {
            Vec::new()
        } else {
            let mut roots = Roots {
                root: opts.root.as_ref().map(|r| {
                    if r.is_absolute() {
                        r.clone()
                    } else {
                        std::env::current_dir().unwrap_or_default().join(r)
                    }
                }),
                ..Roots::default()
            };
            files.iter().map(|f| roots.place(f)).collect()
        };
        let mut distinct: Vec<&'static str> = Vec::new();
        let mut index = |m: &'static str| match distinct.iter().position(|d| *d == m) {
            Some(i) => i,
            None => {
                distinct.push(m);
                distinct.len() - 1
            }
        };
        let rule_markers = walk
            .iter()
            .map(|id| {
                let markers = RUST_RULES
                    .iter()
                    .find(|(r, _)| r == id)
                    .map_or(&[][..], |(_, m)| *m);
                markers.iter().map(|m| index(m)).collect()
            })
            .collect();
        // The sinks of the data-flow rules: files holding one may hold a helper that a
        // handler's request value reaches (parsed later, function by function). The engine
        // learns the same facts whichever data-flow rules are selected (the selection only
        // filters the findings): a rule's findings must not depend on the others chosen.
        let mut sink_markers = Vec::new();
        let mut flow_markers = Vec::new();
        let mut bound_markers = Vec::new();
        if flow::rules(&walk) {
            bound_markers.extend(flow::BOUND_ATTR_MARKERS.iter().map(|m| index(m)));
            for (id, markers) in RUST_RULES.iter().filter(|(id, _)| flow::rules(&[id])) {
                sink_markers.extend(flow::sink_markers(id).iter().map(|m| index(m)));
                flow_markers.extend(markers.iter().map(|m| index(m)));
            }
        }
        // TLS set-ups, which clear `http-only-server` for their crate.
        let tls_markers = if walk.contains(&"http-only-server") {
            http_only_server::TLS_MARKERS
                .iter()
                .map(|m| index(m))
                .collect()
        } else {
            Vec::new()
        };
        let route_markers = match routes {
            true => apiward_source::ROUTE_MARKERS
                .iter()
                .map(|m| index(m))
                .collect(),
            false => Vec::new(),
        };
        // One automaton for every marker: each file is scanned once, not once per marker
        // it lacks.
        let markers = aho_corasick::AhoCorasick::builder()
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(&distinct)
            .expect("markers are plain strings");
        let refine = walk.iter().map(|id| refinement(id)).collect();
        let marker_index = distinct.iter().enumerate().map(|(i, m)| (*m, i)).collect();
        Plan {
            marker_index,
            sink_markers,
            flow_markers,
            bound_markers,
            tls_markers,
            route_markers,
            looks: (0..files.len())
                .map(|_| std::sync::OnceLock::new())
                .collect(),
            refine,
            files,
            places,
            enabled,
            walk,
            selection,
            opts,
            markers,
            rule_markers,
        }
    }

    /// What file `i` holds, from one scan of its bytes (kept: the visitor is asked, then
    /// visits).
    fn look(&self, i: usize, bytes: &[u8]) -> &Look {
        self.looks[i].get_or_init(|| {
            let mut found = vec![false; self.markers.patterns_len()];
            for m in self.markers.find_overlapping_iter(bytes) {
                found[m.pattern().as_usize()] = true;
            }
            let any = |markers: &[usize]| markers.iter().any(|&m| found[m]);
            let has = |w: &str| match self.marker_index.get(w) {
                Some(&m) => found[m],
                None => memchr::memmem::find(bytes, w.as_bytes()).is_some(),
            };
            let wanted = self
                .walk
                .iter()
                .zip(&self.rule_markers)
                .zip(&self.refine)
                .filter(|((_, markers), refine)| {
                    any(markers) && refine.is_none_or(|f| f(bytes, &has))
                })
                .map(|((id, _), _)| *id)
                .collect();
            Look {
                wanted,
                tls: any(&self.tls_markers),
                sink_fns: match any(&self.sink_markers) {
                    true => flow::fn_names(bytes).map(|(_, n)| n.into()).collect(),
                    false => Vec::new(),
                },
                flow: any(&self.flow_markers),
                structs: match any(&self.bound_markers) {
                    true => flow::struct_names(bytes).map(|(_, n)| n.into()).collect(),
                    false => Vec::new(),
                },
                routes: (!self.route_markers.is_empty())
                    .then(|| apiward_source::RouteMarks::of(|i| found[self.route_markers[i]])),
                suppressions: memchr::memmem::find(bytes, b"apiward: ignore[").is_some(),
            }
        })
    }

    fn wants_bytes(&self, i: usize, bytes: &[u8]) -> bool {
        if self.walk.is_empty() {
            return false;
        }
        let look = self.look(i, bytes);
        !look.wanted.is_empty() || look.tls || look.flow
    }

    /// What file `i` yields; `file` is its tree (`None` when it did not parse).
    /// The facts of file `i`, or of one of its parts (`whole`: what was gathered of the
    /// file; `prev`: the facts of the parts before).
    fn facts(
        &self,
        i: usize,
        text: &Text,
        base: u32,
        file: Option<&syn::File>,
        whole: Option<&Whole>,
        prev: Option<FileFacts>,
    ) -> FileFacts {
        let look = self.look(i, text.as_bytes());
        let mut facts = prev.unwrap_or_else(|| FileFacts {
            name: apiward_diagnostics::display_path(&self.files[i]),
            tls: look.tls,
            ..FileFacts::default()
        });
        if let (Some(file), false) = (file, look.wanted.is_empty() && !look.flow) {
            walk_parsed(
                text,
                base,
                file,
                whole,
                &self.places[i],
                &look.wanted,
                look.flow,
                self.opts,
                &mut facts,
            );
        }
        facts.text = text.clone();
        facts
    }

    /// The files' facts, with those of the data-flow helpers in files not walked.
    fn with_helpers(&self, mut facts: Vec<Option<FileFacts>>) -> Vec<Option<FileFacts>> {
        if self.walk.is_empty() {
            return facts;
        }
        facts.resize_with(self.files.len(), || None);
        let sink_fns: Vec<&[Box<str>]> = self
            .looks
            .iter()
            .map(|l| l.get().map_or(&[][..], |l| &l.sink_fns[..]))
            .collect();
        helper_files(
            self.files,
            &self.places,
            &mut facts,
            &sink_fns,
            &self.walk,
            self.opts,
        );
        let structs: Vec<&[Box<str>]> = self
            .looks
            .iter()
            .map(|l| l.get().map_or(&[][..], |l| &l.structs[..]))
            .collect();
        struct_files(self.files, &mut facts, &structs);
        facts
    }

    fn finish(&self, inv: &Inventory, facts: Vec<Option<FileFacts>>) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        if self.enabled.contains(&"unauthenticated-route") {
            out.extend(unauthenticated_route::check(
                inv,
                meta("unauthenticated-route"),
                self.selection,
                &self.opts.public_paths,
            ));
        }
        if !self.walk.is_empty() {
            let crates = served::CrateGraph::new(&self.places);
            let mut found = project_findings(
                self.files,
                &self.places,
                facts,
                &self.walk,
                self.selection,
                &crates,
            );
            // What the rules about the HTTP service found in crates that serve nothing goes;
            // a secret written in the source leaks wherever it is: kept.
            if let Some(served) = crates.served(inv, self.files) {
                let served_file: HashMap<String, bool> = self
                    .files
                    .iter()
                    .zip(served)
                    .map(|(f, s)| (apiward_diagnostics::display_path(f), s))
                    .collect();
                found.retain(|d| {
                    d.rule == "hardcoded-secret"
                        || served_file.get(&d.file).copied().unwrap_or(true)
                });
            }
            // Handlers that only development-environment routes reach: not served in
            // production (a secret there still leaks).
            if !self.opts.dev_routes {
                let dev = dev_only_handlers(inv);
                found.retain(|d| {
                    d.rule == "hardcoded-secret"
                        || !dev.iter().any(|(f, body)| {
                            *f == d.file && body.contains(&(d.range.start.offset as usize))
                        })
                });
            }
            out.extend(found);
        }
        let mut used = HashSet::new();
        drop_suppressed(&mut out, &mut used);
        out.extend(self.audit_suppressions(&used));
        apiward_diagnostics::sort_and_dedup(&mut out);
        out
    }

    /// The `// apiward: ignore[...]` comments of the files that hold one: names that name
    /// no rule, and (preset `all`) comments that silenced nothing. `used` holds the
    /// `(file, 1-based line)` of the comments that silenced a finding.
    fn audit_suppressions(&self, used: &HashSet<(String, usize)>) -> Vec<Diagnostic> {
        let sel = self.selection;
        if !sel.enabled("suppression-unknown-rule") && !sel.enabled("unused-suppression") {
            return Vec::new();
        }
        // A rule of the code that did not run could have used the comment: not judged;
        // `all` only when every one ran. Other rules are never silenced by these comments.
        let every = self.enabled.len() == RUST_RULES.len();
        let could_use = |r: Option<&'static RuleMeta>| match r {
            None => every,
            Some(r) => {
                self.enabled.contains(&r.id.as_str())
                    || !RUST_RULES.iter().any(|(id, _)| *id == r.id)
            }
        };
        let mut out = Vec::new();
        for (i, path) in self.files.iter().enumerate() {
            if !self.looks[i].get().is_some_and(|l| l.suppressions) {
                continue;
            }
            let Ok(text) = apiward_diagnostics::read::read_text(path) else {
                continue;
            };
            let lines = LineIndex::new(&text);
            let file = apiward_diagnostics::display_path(path);
            for c in crate::suppress::comment_sites(&text, &lines, "//") {
                let was_used = used.contains(&(file.clone(), c.line0 as usize + 1));
                let said = crate::suppress::judge(&c.names, c.span, was_used, could_use, sel);
                for (meta, span, message) in said {
                    out.push(Diagnostic {
                        rule: meta.id.clone(),
                        owasp: None,
                        severity: sel.severity(meta),
                        message,
                        file: file.clone(),
                        range: lines.range(&text, span),
                        pointer: None,
                        help: Some(meta.help.clone()),
                        label: None,
                        related: Vec::new(),
                        input_error: false,
                    });
                }
            }
        }
        out
    }
}

impl apiward_source::FileVisitor for Plan<'_> {
    type Out = FileFacts;
    type Whole = Whole;

    fn wants(&self, i: usize, bytes: &[u8]) -> (bool, Option<apiward_source::RouteMarks>) {
        let wanted = self.wants_bytes(i, bytes);
        (wanted, self.looks[i].get().and_then(|l| l.routes))
    }

    fn gathers(&self, part: &str) -> bool {
        ["const ", "static ", "struct ", "enum "]
            .iter()
            .any(|k| memchr::memmem::find(part.as_bytes(), k.as_bytes()).is_some())
    }

    fn gather(&self, _: usize, part: &syn::File, whole: &mut Whole) {
        whole.gather(part);
    }

    fn visit(
        &self,
        index: usize,
        text: &Text,
        base: u32,
        file: &syn::File,
        whole: Option<&Whole>,
        prev: Option<FileFacts>,
    ) -> FileFacts {
        self.facts(index, text, base, Some(file), whole, prev)
    }
}

/// What the walk of one part of a file parsed in parts ([`apiward_source::parts`]) needs
/// of the whole file, as plain data: its constants and statics (the last definition wins),
/// and the data-flow pass's structs and enums.
#[derive(Default)]
pub(crate) struct Whole {
    consts: HashMap<String, syn::Expr>,
    defs: flow::Defs,
    structs: Vec<flow::StructFact>,
}

impl Whole {
    fn gather(&mut self, part: &syn::File) {
        gather_consts(part, &mut self.consts);
        flow::gather_defs(part, &mut self.defs, &mut self.structs);
    }
}

/// The constants and statics of `part` into `consts` (a later definition replaces one).
fn gather_consts(part: &syn::File, consts: &mut HashMap<String, syn::Expr>) {
    let mut c = ConstCollector::default();
    c.visit_file(part);
    for (name, e) in c.map {
        consts.insert(name, e.clone());
    }
}

fn meta(id: &str) -> &'static RuleMeta {
    crate::rule(id).unwrap_or_else(|| panic!("rules/{id}.toml is missing"))
}

/// Builds a diagnostic of `meta` at `range` of `file`.
pub(crate) fn diagnostic(
    meta: &'static RuleMeta,
    sel: &Selection,
    file: String,
    range: apiward_diagnostics::Range,
    message: String,
) -> Diagnostic {
    Diagnostic {
        rule: meta.id.clone(),
        owasp: Some(meta.owasp.clone()),
        severity: sel.severity(meta),
        message: apiward_diagnostics::bounded(message),
        file,
        range,
        pointer: None,
        help: Some(meta.help.clone()),
        label: None,
        related: Vec::new(),
        input_error: false,
    }
}

// ---------------------------------------------------------------------------------------
// Where a file sits: its crate, and whether it is test code.

/// A file's crate directory (nearest ancestor with `Cargo.toml`, else its own directory),
/// whether it is test code (below a `tests/` or `benches/` directory of its workspace) and
/// whether it is an example (below `examples/`).
#[derive(Debug, Clone)]
pub(crate) struct Place {
    pub crate_dir: PathBuf,
    pub test_code: bool,
    pub example: bool,
}

#[derive(Default)]
struct Roots {
    manifest: HashMap<PathBuf, bool>,
    /// Crate directories whose package is a test tool (see [`Roots::test_crate`]).
    test_crates: HashMap<PathBuf, bool>,
    /// Files whose module is compiled only for tests (`#[cfg(test)] mod x;` up the tree).
    test_module: HashMap<PathBuf, bool>,
    /// Absolute; ancestors above it are not looked at (for files inside it).
    root: Option<PathBuf>,
}

impl Roots {
    /// Whether the crate in `dir` is a test tool, not a service: its package is named for
    /// tests (`kanidm_oauth2_tester`, `foo-testkit`, `mock-server`, `api-fuzz`).
    fn test_crate(&mut self, dir: &Path) -> bool {
        if let Some(b) = self.test_crates.get(dir) {
            return *b;
        }
        let text =
            apiward_diagnostics::read::read_text(&dir.join("Cargo.toml")).unwrap_or_default();
        let b = package_name(&text).is_some_and(|n| {
            n.split(['_', '-']).any(|w| {
                matches!(
                    w,
                    "test"
                        | "tests"
                        | "tester"
                        | "testing"
                        | "testkit"
                        | "testutil"
                        | "testutils"
                        | "mock"
                        | "mocks"
                        | "fuzz"
                        | "bench"
                        | "benches"
                )
            })
        });
        self.test_crates.insert(dir.to_path_buf(), b);
        b
    }

    fn has_manifest(&mut self, dir: &Path) -> bool {
        if let Some(b) = self.manifest.get(dir) {
            return *b;
        }
        let b = dir.join("Cargo.toml").is_file();
        self.manifest.insert(dir.to_path_buf(), b);
        b
    }

    fn place(&mut self, file: &Path) -> Place {
        let abs = if file.is_absolute() {
            file.to_path_buf()
        } else {
            std::env::current_dir().unwrap_or_default().join(file)
        };
        let mut nearest: Option<PathBuf> = None;
        let mut top: Option<PathBuf> = None;
        let root = self.root.clone().filter(|r| abs.starts_with(r));
        for dir in abs
            .ancestors()
            .skip(1)
            .take_while(|d| root.as_ref().is_none_or(|r| d.starts_with(r)))
        {
            if self.has_manifest(dir) {
                if nearest.is_none() {
                    nearest = Some(dir.to_path_buf());
                }
                top = Some(dir.to_path_buf());
            }
        }
        let rel: Vec<String> = match &top {
            Some(t) => abs
                .strip_prefix(t)
                .unwrap_or(&abs)
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect(),
            None => file
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect(),
        };
        let dirs = &rel[..rel.len().saturating_sub(1)];
        let test_crate = nearest.clone().is_some_and(|d| self.test_crate(&d));
        Place {
            crate_dir: nearest.unwrap_or_else(|| abs.parent().unwrap_or(&abs).to_path_buf()),
            // `#[cfg(test)] mod tests;` puts the attribute in another file: go by the name,
            // and by the declaration of the module (or of a module above it).
            test_code: dirs.iter().any(|c| c == "tests" || c == "benches")
                || test_crate
                || file
                    .file_stem()
                    .is_some_and(|s| is_test_file_stem(&s.to_string_lossy()))
                || self.in_test_module(&abs, 0),
            example: dirs.iter().any(|c| c == "examples"),
        }
    }
}

impl Roots {
    /// Whether the module a file holds is declared under a test-only `cfg`
    /// (`#[cfg(test)] mod compat;`, `#[cfg(any(test, feature = "test-helpers"))] pub mod
    /// test_keys;`), or sits inside such a module. The declaring file is the `mod.rs`,
    /// `lib.rs` or `main.rs` of the directory, or the file named like the directory.
    fn in_test_module(&mut self, file: &Path, depth: u32) -> bool {
        if depth > 16 {
            return false;
        }
        if let Some(b) = self.test_module.get(file) {
            return *b;
        }
        let b = self.declared_for_tests(file, depth);
        self.test_module.insert(file.to_path_buf(), b);
        b
    }

    fn declared_for_tests(&mut self, file: &Path, depth: u32) -> bool {
        let Some(stem) = file.file_stem().map(|s| s.to_string_lossy().into_owned()) else {
            return false;
        };
        let Some(mut dir) = file.parent() else {
            return false;
        };
        if matches!(stem.as_str(), "lib" | "main" | "build") || self.has_manifest(dir) {
            return false; // a crate root
        }
        let name = if stem == "mod" {
            let Some(n) = dir.file_name().map(|n| n.to_string_lossy().into_owned()) else {
                return false;
            };
            let Some(up) = dir.parent() else {
                return false;
            };
            dir = up;
            n
        } else {
            stem
        };
        let mut candidates: Vec<PathBuf> = ["mod.rs", "lib.rs", "main.rs"]
            .iter()
            .map(|f| dir.join(f))
            .collect();
        candidates.push(dir.with_extension("rs"));
        for c in candidates {
            if c == file {
                continue;
            }
            let Ok(text) = std::fs::read_to_string(&c) else {
                continue;
            };
            if let Some(test) = mod_declaration_is_test(&text, &name) {
                return test || self.in_test_module(&c, depth + 1);
            }
        }
        false
    }
}

/// `test_keys`, `test_helpers`, `testing`, `tests`, `foo_test`: a file of test support by
/// its name (one of its words).
/// `name` of the `[package]` table of a `Cargo.toml`.
fn package_name(manifest: &str) -> Option<&str> {
    let mut in_package = false;
    for line in manifest.lines().map(str::trim) {
        if line.starts_with('[') {
            in_package = line == "[package]";
            continue;
        }
        if !in_package {
            continue;
        }
        if let Some(v) = line.strip_prefix("name") {
            let v = v.trim_start().strip_prefix('=')?.trim();
            return Some(v.trim_matches(|c| c == '"' || c == '\''));
        }
    }
    None
}

fn is_test_file_stem(stem: &str) -> bool {
    stem.split(['_', '-'])
        .any(|w| matches!(w, "test" | "tests" | "testing" | "testutil" | "testutils"))
}

/// Whether `text` declares `mod name;` (`pub`, `pub(crate)` …) with a test-only `cfg`;
/// `None` when it does not declare it.
fn mod_declaration_is_test(text: &str, name: &str) -> Option<bool> {
    let needle = format!("mod {name};");
    let mut from = 0;
    while let Some(i) = text[from..].find(&needle) {
        let at = from + i;
        from = at + needle.len();
        if text[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '_')
        {
            continue;
        }
        // The attributes: the start of this line, and the lines above up to a blank line
        // or the end of another item.
        let line_start = text[..at].rfind('\n').map_or(0, |p| p + 1);
        let mut start = line_start;
        while start > 0 {
            let prev = text[..start - 1].rfind('\n').map_or(0, |p| p + 1);
            let t = text[prev..start - 1].trim();
            if t.is_empty() || t.ends_with(';') || t.ends_with('}') || t.ends_with('{') {
                break;
            }
            start = prev;
        }
        let decl = format!("{}\nmod {name};", &text[start.min(at)..at]);
        let decl = decl.replace("pub(crate)", "").replace("pub(super)", "");
        let decl = decl.replace("pub ", "").replace("pub\n", "");
        return Some(syn::parse_str::<syn::ItemMod>(&decl).is_ok_and(|m| has_test_attr(&m.attrs)));
    }
    None
}

// ---------------------------------------------------------------------------------------
// One file.

/// A finding located in one file.
#[derive(Debug, Clone)]
pub(crate) struct Hit {
    pub rule: &'static str,
    pub span: Span,
    pub message: String,
    /// Reported at info whatever the rule's severity: the problem only arises when a
    /// run-time setting asks for it (an opt-in).
    pub info: bool,
}

/// A finding that stands only if `name` is a constant with a literal value somewhere in the
/// project (`Key::from(SECRET)`, with `SECRET` defined in another file).
#[derive(Debug, Clone)]
pub(crate) struct Pending {
    pub hit: Hit,
    pub name: String,
}

/// A server listening on plain TCP.
#[derive(Debug, Clone)]
pub(crate) struct Bind {
    pub span: Span,
    pub message: String,
    /// `TcpListener::bind` is a server only if it is served (`axum::serve(listener, ..)`).
    pub needs_serve: bool,
    /// The variable the listener is bound to (`let listener = TcpListener::bind(..)`).
    pub var: Option<String>,
    /// Rocket's address comes from its configuration (`Rocket.toml`), not from the code.
    pub rocket: bool,
}

/// What one file yields: plain data, sendable across threads.
#[derive(Debug, Default)]
pub(crate) struct FileFacts {
    pub name: String,
    /// The file's text, shared with the route inventory's copy.
    pub text: Text,
    pub hits: Vec<Hit>,
    pub pending: Vec<Pending>,
    /// Constants and statics of this file whose value is a literal string, byte string or
    /// array (by name).
    pub literal_consts: Vec<String>,
    pub binds: Vec<Bind>,
    /// A call to something named `serve` (`axum::serve(listener, app)`).
    pub serves: bool,
    /// Variables passed first to such a call (`listener`).
    pub served: Vec<String>,
    /// The file sets up a TLS listener (byte scan: `bind_rustls`, `RustlsConfig`, …).
    pub tls: bool,
    /// What the data-flow rules found and need from the rest of the project.
    pub flow: flow::FlowFacts,
}

/// Runs the walker (and, when `flow`, the data-flow pass) on a parsed file; `rules` are
/// those that report in it.
#[allow(clippy::too_many_arguments)]
fn walk_parsed(
    text: &str,
    base: u32,
    file: &syn::File,
    whole: Option<&Whole>,
    place: &Place,
    rules: &[&'static str],
    flow: bool,
    opts: &RustRuleOptions,
    facts: &mut FileFacts,
) {
    let consts = match whole {
        Some(whole) => whole.consts.iter().map(|(n, e)| (n.clone(), e)).collect(),
        None => {
            let mut consts = ConstCollector::default();
            consts.visit_file(file);
            consts.map
        }
    };
    let mut w = Walker {
        base,
        text,
        consts,
        locals: HashMap::new(),
        test_depth: u32::from(place.test_code),
        branches: Vec::new(),
        example: place.example && !opts.test_code,
        in_receiver: false,
        let_name: None,
        rules,
        opts,
        file: Some(file),
        replaced_body_limits: HashSet::new(),
        jwt: None,
        out: std::mem::take(facts),
    };
    w.out.literal_consts = w
        .consts
        .iter()
        .filter(|(_, e)| is_literal_value(e, &HashMap::new(), 0))
        .map(|(n, _)| n.clone())
        .collect();
    w.out.literal_consts.sort();
    w.visit_file(file);
    if flow {
        flow::run(&mut w, file, whole.map(|w| (&w.defs, &w.structs[..])));
    }
    *facts = w.out;
}

pub(crate) use apiward_source::strip_preamble;

/// Constants and statics of a file, by name (the last definition wins).
#[derive(Default)]
struct ConstCollector<'ast> {
    map: HashMap<String, &'ast syn::Expr>,
}

impl<'ast> Visit<'ast> for ConstCollector<'ast> {
    fn visit_item_const(&mut self, c: &'ast syn::ItemConst) {
        self.map.insert(c.ident.to_string(), &c.expr);
    }
    fn visit_item_static(&mut self, s: &'ast syn::ItemStatic) {
        self.map.insert(s.ident.to_string(), &s.expr);
    }
}

/// Walks one file's tree and hands each interesting node to the rules.
pub(crate) struct Walker<'ast, 'a> {
    base: u32,
    pub text: &'a str,
    pub consts: HashMap<String, &'ast syn::Expr>,
    /// `let name = <init>` of the enclosing function: name → span of the initializer.
    pub locals: HashMap<String, Span>,
    /// Above zero inside `#[cfg(test)]`/`#[test]` code or a test file.
    test_depth: u32,
    /// The branches being visited that are taken only when a run-time condition holds (an
    /// `if` on something other than a literal or `cfg!`, an arm of a `match`), outermost
    /// first.
    pub branches: Vec<Branch<'ast>>,
    /// The file is an example (below `examples/`).
    pub example: bool,
    /// Whether the expression being visited is the receiver of a method call.
    in_receiver: bool,
    /// The variable a `let` being visited binds (`let listener = ..`).
    pub let_name: Option<String>,
    rules: &'a [&'static str],
    pub opts: &'a RustRuleOptions,
    /// The file's tree, for rules that look at a whole function or file at once.
    pub file: Option<&'ast syn::File>,
    /// `unbounded-body`: `DefaultBodyLimit::disable()` calls (span starts) whose chain sets a
    /// `RequestBodyLimitLayer` of its own.
    pub replaced_body_limits: HashSet<u32>,
    /// `jwt-validation-disabled`'s facts of the file, computed on first use.
    pub jwt: Option<Box<jwt_validation_disabled::FileFacts>>,
    pub out: FileFacts,
}

impl<'ast> Walker<'ast, '_> {
    pub fn on(&self, rule: &str) -> bool {
        self.rules.contains(&rule)
    }

    /// Inside test or development-only code, unless the project asks for findings there.
    pub fn in_test(&self) -> bool {
        self.test_depth > 0 && !self.opts.test_code
    }

    /// Whether `attrs` make an item test or development-only code (`#[test]`,
    /// `#[cfg(test)]`, ...) whose findings are not reported.
    pub fn test_attr(&self, attrs: &[syn::Attribute]) -> bool {
        !self.opts.test_code && has_test_attr(attrs)
    }

    /// The byte span of a node in the file.
    pub fn span(&self, node: &impl Spanned) -> Span {
        self.span_of(node.span())
    }

    pub fn span_of(&self, s: proc_macro2::Span) -> Span {
        let r = s.byte_range();
        Span::new(r.start as u32 + self.base, r.end as u32 + self.base)
    }

    /// `.method(args)` of a method call: from the method name to the closing parenthesis.
    pub fn method_span(&self, m: &syn::ExprMethodCall) -> Span {
        self.span_of(m.method.span())
            .cover(self.span_of(m.paren_token.span.close()))
    }

    /// The source text of a span.
    pub fn source(&self, s: Span) -> &str {
        self.text
            .get(s.start as usize..s.end as usize)
            .unwrap_or("")
    }

    /// Records a finding at info; test code yields none.
    pub fn hit_info(&mut self, rule: &'static str, span: Span, message: String) {
        let before = self.out.hits.len();
        self.hit(rule, span, message);
        if let Some(h) = self.out.hits.get_mut(before) {
            h.info = true;
        }
    }

    /// Records a finding; test code yields none.
    pub fn hit(&mut self, rule: &'static str, span: Span, message: String) {
        if self.in_test() {
            return;
        }
        self.out.hits.push(Hit {
            rule,
            span,
            message,
            info: false,
        });
    }
}

fn is_test_attr(a: &syn::Attribute) -> bool {
    let p = a.path();
    let last = p.segments.last().map(|s| s.ident.to_string());
    match last.as_deref() {
        Some("test") => true,
        Some("cfg") => a.parse_args::<syn::Meta>().is_ok_and(|m| test_only_cfg(&m)),
        _ => false,
    }
}

/// Whether a `cfg` predicate holds only in test or development builds: `test`,
/// `debug_assertions`, a feature named for tests or development (`feature = "test-helpers"`,
/// `"testing"`, `"dev"`), `any(..)` of only those, `all(..)` with one of them.
pub(crate) fn test_only_cfg(m: &syn::Meta) -> bool {
    use syn::punctuated::Punctuated;
    match m {
        syn::Meta::Path(p) => p.is_ident("test") || p.is_ident("debug_assertions"),
        syn::Meta::NameValue(nv) if nv.path.is_ident("feature") => match &nv.value {
            syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(s),
                ..
            }) => s.value().split(['-', '_']).any(|w| {
                matches!(
                    w,
                    "test"
                        | "tests"
                        | "testing"
                        | "testutil"
                        | "testutils"
                        | "mock"
                        | "mocks"
                        | "dev"
                )
            }),
            _ => false,
        },
        syn::Meta::List(l) => {
            let Ok(inner) =
                l.parse_args_with(Punctuated::<syn::Meta, syn::Token![,]>::parse_terminated)
            else {
                return false;
            };
            if l.path.is_ident("any") {
                !inner.is_empty() && inner.iter().all(test_only_cfg)
            } else if l.path.is_ident("all") {
                inner.iter().any(test_only_cfg)
            } else {
                false
            }
        }
        _ => false,
    }
}

/// `cfg!(debug_assertions)`, `cfg!(test)`: `Some(true)` when the condition holds only in
/// test or development builds, `Some(false)` for its negation (`!cfg!(..)`,
/// `cfg!(not(..))`), `None` otherwise.
pub(crate) fn dev_only_condition(cond: &syn::Expr) -> Option<bool> {
    match peel(cond) {
        syn::Expr::Macro(m) if m.mac.path.is_ident("cfg") => {
            let meta = m.mac.parse_body::<syn::Meta>().ok()?;
            if test_only_cfg(&meta) {
                return Some(true);
            }
            if let syn::Meta::List(l) = &meta {
                if l.path.is_ident("not") {
                    let inner = l.parse_args::<syn::Meta>().ok()?;
                    return test_only_cfg(&inner).then_some(false);
                }
            }
            None
        }
        syn::Expr::Unary(u) if matches!(u.op, syn::UnOp::Not(_)) => {
            dev_only_condition(&u.expr).map(|b| !b)
        }
        _ => None,
    }
}

pub(crate) fn has_test_attr(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(is_test_attr)
}

/// A branch taken only when a run-time condition holds: the `if`'s condition or the
/// `match`'s scrutinee, and whether the branch is the `else` (taken when it does not hold).
#[derive(Clone, Copy)]
pub(crate) struct Branch<'ast> {
    pub cond: &'ast syn::Expr,
    pub negated: bool,
}

/// Whether a branch on `cond` is taken only when something known at run time holds: not a
/// literal `true`/`false` and not `cfg!(..)`.
pub(crate) fn runtime_condition(cond: &syn::Expr) -> bool {
    match peel(cond) {
        syn::Expr::Lit(_) => false,
        syn::Expr::Macro(m) => !m.mac.path.is_ident("cfg"),
        syn::Expr::Unary(u) => runtime_condition(&u.expr),
        _ => true,
    }
}

/// The attributes written on a statement (`#[cfg(feature = "e2e_tests")] if .. { .. }`,
/// `#[cfg(test)] let x = ..;`).
fn stmt_attrs(s: &syn::Stmt) -> &[syn::Attribute] {
    use syn::Expr;
    match s {
        syn::Stmt::Local(l) => &l.attrs,
        syn::Stmt::Macro(m) => &m.attrs,
        syn::Stmt::Item(_) => &[],
        syn::Stmt::Expr(e, _) => match e {
            Expr::If(x) => &x.attrs,
            Expr::Block(x) => &x.attrs,
            Expr::Call(x) => &x.attrs,
            Expr::MethodCall(x) => &x.attrs,
            Expr::Assign(x) => &x.attrs,
            Expr::Macro(x) => &x.attrs,
            Expr::Match(x) => &x.attrs,
            Expr::ForLoop(x) => &x.attrs,
            Expr::While(x) => &x.attrs,
            Expr::Loop(x) => &x.attrs,
            Expr::Unsafe(x) => &x.attrs,
            Expr::Let(x) => &x.attrs,
            Expr::Return(x) => &x.attrs,
            Expr::Await(x) => &x.attrs,
            Expr::Try(x) => &x.attrs,
            _ => &[],
        },
    }
}

impl<'ast> Visit<'ast> for Walker<'ast, '_> {
    fn visit_stmt(&mut self, s: &'ast syn::Stmt) {
        // A statement compiled only into test or development builds.
        let t = u32::from(has_test_attr(stmt_attrs(s)));
        self.test_depth += t;
        visit::visit_stmt(self, s);
        self.test_depth -= t;
    }

    fn visit_expr_if(&mut self, i: &'ast syn::ExprIf) {
        self.visit_expr(&i.cond);
        let runtime = runtime_condition(&i.cond);
        // `if cfg!(debug_assertions) { .. }`: a branch only development builds take.
        let dev = dev_only_condition(&i.cond);
        if runtime {
            self.branches.push(Branch {
                cond: &i.cond,
                negated: false,
            });
        }
        let t = u32::from(dev == Some(true));
        self.test_depth += t;
        self.visit_block(&i.then_branch);
        self.test_depth -= t;
        if let Some((_, e)) = &i.else_branch {
            if let Some(b) = self.branches.last_mut().filter(|_| runtime) {
                b.negated = true;
            }
            let t = u32::from(dev == Some(false));
            self.test_depth += t;
            self.visit_expr(e);
            self.test_depth -= t;
        }
        if runtime {
            self.branches.pop();
        }
    }

    fn visit_expr_match(&mut self, m: &'ast syn::ExprMatch) {
        self.visit_expr(&m.expr);
        let runtime = runtime_condition(&m.expr) && m.arms.len() > 1;
        if runtime {
            self.branches.push(Branch {
                cond: &m.expr,
                negated: false,
            });
        }
        for a in &m.arms {
            self.visit_arm(a);
        }
        if runtime {
            self.branches.pop();
        }
    }

    fn visit_item_mod(&mut self, m: &'ast syn::ItemMod) {
        let t = has_test_attr(&m.attrs);
        self.test_depth += u32::from(t);
        visit::visit_item_mod(self, m);
        self.test_depth -= u32::from(t);
    }

    fn visit_item_fn(&mut self, f: &'ast syn::ItemFn) {
        let t = has_test_attr(&f.attrs);
        self.test_depth += u32::from(t);
        let saved = std::mem::take(&mut self.locals);
        visit::visit_item_fn(self, f);
        self.locals = saved;
        self.test_depth -= u32::from(t);
    }

    fn visit_impl_item_fn(&mut self, f: &'ast syn::ImplItemFn) {
        let t = has_test_attr(&f.attrs);
        self.test_depth += u32::from(t);
        let saved = std::mem::take(&mut self.locals);
        visit::visit_impl_item_fn(self, f);
        self.locals = saved;
        self.test_depth -= u32::from(t);
    }

    fn visit_item_const(&mut self, c: &'ast syn::ItemConst) {
        if self.on("hardcoded-secret") && !self.in_test() && !self.example {
            hardcoded_secret::item(self, &c.attrs, &c.vis, &c.ident, &c.expr);
        }
        visit::visit_item_const(self, c);
    }

    fn visit_item_static(&mut self, s: &'ast syn::ItemStatic) {
        if self.on("hardcoded-secret") && !self.in_test() && !self.example {
            hardcoded_secret::item(self, &s.attrs, &s.vis, &s.ident, &s.expr);
        }
        visit::visit_item_static(self, s);
    }

    fn visit_impl_item_const(&mut self, c: &'ast syn::ImplItemConst) {
        if self.on("hardcoded-secret") && !self.in_test() && !self.example {
            hardcoded_secret::item(self, &c.attrs, &c.vis, &c.ident, &c.expr);
        }
        visit::visit_impl_item_const(self, c);
    }

    fn visit_item_impl(&mut self, i: &'ast syn::ItemImpl) {
        if self.on("tls-verification-disabled") {
            tls_verification_disabled::item_impl(self, i);
        }
        visit::visit_item_impl(self, i);
    }

    fn visit_local(&mut self, l: &'ast syn::Local) {
        if self.on("hardcoded-secret") && !self.in_test() && !self.example {
            hardcoded_secret::local(self, l);
        }
        if let Some(init) = &l.init {
            if let Some(n) = pat_ident(&l.pat) {
                let s = self.span(&*init.expr);
                self.locals.insert(n.clone(), s);
                let saved = self.let_name.replace(n);
                visit::visit_local(self, l);
                self.let_name = saved;
                return;
            }
        }
        let saved = self.let_name.take();
        visit::visit_local(self, l);
        self.let_name = saved;
    }

    fn visit_expr(&mut self, e: &'ast syn::Expr) {
        let saved = self.in_receiver;
        match e {
            syn::Expr::MethodCall(m) => {
                let top = !saved;
                self.method_call(m, top);
                self.in_receiver = true;
                self.visit_expr(&m.receiver);
                self.in_receiver = false;
                for a in &m.args {
                    self.visit_expr(a);
                }
            }
            _ => {
                self.in_receiver = false;
                match e {
                    syn::Expr::Call(c) => self.call(c),
                    syn::Expr::Assign(a) if self.on("jwt-validation-disabled") => {
                        jwt_validation_disabled::assign(self, a);
                    }
                    syn::Expr::Struct(s) => {
                        if self.on("hardcoded-secret") && !self.in_test() && !self.example {
                            hardcoded_secret::struct_lit(self, s);
                        }
                        if self.on("jwt-validation-disabled") {
                            jwt_validation_disabled::struct_lit(self, s);
                        }
                        if self.on("permissive-cors") {
                            permissive_cors::struct_lit(self, s);
                        }
                    }
                    _ => {}
                }
                visit::visit_expr(self, e);
            }
        }
        self.in_receiver = saved;
    }
}

impl<'ast> Walker<'ast, '_> {
    fn call(&mut self, c: &'ast syn::ExprCall) {
        let Some(path) = call_path(c) else { return };
        let segs = segments(path);
        if segs.last().is_some_and(|s| s == "serve") {
            self.out.serves = true;
            if let Some(syn::Expr::Path(p)) = c.args.first().map(peel) {
                if let Some(id) = p.path.get_ident() {
                    self.out.served.push(id.to_string());
                }
            }
        }
        if self.on("permissive-cors") {
            permissive_cors::call(self, c, &segs);
        }
        if self.on("hardcoded-secret") && !self.in_test() && !self.example {
            hardcoded_secret::call(self, c, &segs);
        }
        if self.on("jwt-validation-disabled") {
            jwt_validation_disabled::call(self, c, &segs);
        }
        if self.on("unbounded-body") {
            unbounded_body::call(self, c, &segs);
        }
        if self.on("http-only-server") {
            http_only_server::call(self, c, &segs);
        }
    }

    /// `top`: the outermost call of a method chain (`a.b().c()` is visited at `c`).
    fn method_call(&mut self, m: &'ast syn::ExprMethodCall, top: bool) {
        if m.method == "serve" {
            self.out.serves = true;
        }
        if top && self.on("permissive-cors") {
            permissive_cors::builder(self, m);
        }
        if self.on("tls-verification-disabled") {
            tls_verification_disabled::method(self, m);
        }
        if self.on("hardcoded-secret") && !self.in_test() && !self.example {
            hardcoded_secret::method(self, m);
        }
        if self.on("jwt-validation-disabled") {
            jwt_validation_disabled::method(self, m);
        }
        if self.on("unbounded-body") {
            if top {
                unbounded_body::replacing_layers(self, m);
            }
            unbounded_body::method(self, m);
        }
        if self.on("http-only-server") {
            http_only_server::method(self, m);
        }
    }
}

// ---------------------------------------------------------------------------------------
// Small syntax helpers shared by the rules.

/// The variable a pattern binds, through a type annotation or a reference (`x`, `x: T`,
/// `&x`).
pub(crate) fn pat_ident(p: &syn::Pat) -> Option<String> {
    match p {
        syn::Pat::Ident(i) => Some(i.ident.to_string()),
        syn::Pat::Type(t) => pat_ident(&t.pat),
        syn::Pat::Reference(r) => pat_ident(&r.pat),
        _ => None,
    }
}

/// The path of a call to a named function (`a::b(..)`).
pub(crate) fn call_path(c: &syn::ExprCall) -> Option<&syn::Path> {
    match &*c.func {
        syn::Expr::Path(p) => Some(&p.path),
        _ => None,
    }
}

/// The identifiers of a path (`axum::extract::DefaultBodyLimit::max` → 4 names).
pub(crate) fn segments(p: &syn::Path) -> Vec<String> {
    p.segments.iter().map(|s| s.ident.to_string()).collect()
}

/// Whether `segs` ends with `tail`.
pub(crate) fn ends_with(segs: &[String], tail: &[&str]) -> bool {
    segs.len() >= tail.len()
        && segs[segs.len() - tail.len()..]
            .iter()
            .zip(tail)
            .all(|(a, b)| a == b)
}

/// Parentheses, groups, references and casts around an expression.
pub(crate) fn peel(mut e: &syn::Expr) -> &syn::Expr {
    loop {
        e = match e {
            syn::Expr::Paren(p) => &p.expr,
            syn::Expr::Group(g) => &g.expr,
            syn::Expr::Reference(r) => &r.expr,
            syn::Expr::Cast(c) => &c.expr,
            _ => return e,
        };
    }
}

pub(crate) fn is_lit_bool(e: &syn::Expr, v: bool) -> bool {
    matches!(peel(e), syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Bool(b), .. }) if b.value == v)
}

/// The receiver at the root of a method chain and the calls on it, innermost first
/// (`A::new().b(1).c()` → (`A::new()`, [b, c])).
pub(crate) fn chain(m: &syn::ExprMethodCall) -> (&syn::Expr, Vec<&syn::ExprMethodCall>) {
    let mut calls = vec![m];
    let mut cur = &*m.receiver;
    loop {
        match peel_try(cur) {
            syn::Expr::MethodCall(inner) => {
                calls.push(inner);
                cur = &inner.receiver;
            }
            other => {
                calls.reverse();
                return (other, calls);
            }
        }
    }
}

/// `x?`, `x.await`, parentheses.
pub(crate) fn peel_try(mut e: &syn::Expr) -> &syn::Expr {
    loop {
        e = match e {
            syn::Expr::Try(t) => &t.expr,
            syn::Expr::Await(a) => &a.base,
            syn::Expr::Paren(p) => &p.expr,
            syn::Expr::Group(g) => &g.expr,
            _ => return e,
        };
    }
}

/// The path segments of the call at the root of a chain (`web::JsonConfig::default()`).
pub(crate) fn root_call_segments(root: &syn::Expr) -> Option<Vec<String>> {
    match root {
        syn::Expr::Call(c) => call_path(c).map(segments),
        _ => None,
    }
}

/// Whether a constant's value is written in the source: a string or byte string literal,
/// an array of literals, or such a value behind `&`, `.as_bytes()`, `.to_vec()`, … or
/// another constant of the same file.
pub(crate) fn is_literal_value(
    e: &syn::Expr,
    consts: &HashMap<String, &syn::Expr>,
    depth: u32,
) -> bool {
    if depth > 8 {
        return false;
    }
    match peel(e) {
        syn::Expr::Lit(l) => matches!(
            l.lit,
            syn::Lit::Str(_) | syn::Lit::ByteStr(_) | syn::Lit::CStr(_)
        ),
        syn::Expr::Array(a) => {
            !a.elems.is_empty() && a.elems.iter().all(|x| matches!(peel(x), syn::Expr::Lit(_)))
        }
        syn::Expr::Repeat(r) => matches!(peel(&r.expr), syn::Expr::Lit(_)),
        syn::Expr::MethodCall(m) if is_view_method(&m.method.to_string()) => {
            is_literal_value(&m.receiver, consts, depth + 1)
        }
        syn::Expr::Path(p) if p.qself.is_none() => {
            let segs = segments(&p.path);
            match segs.last().and_then(|n| consts.get(n)) {
                Some(v) => is_literal_value(v, consts, depth + 1),
                None => false,
            }
        }
        _ => false,
    }
}

/// Methods that view or copy a value without changing what it is.
pub(crate) fn is_view_method(m: &str) -> bool {
    matches!(
        m,
        "as_bytes"
            | "as_ref"
            | "to_vec"
            | "into"
            | "to_owned"
            | "to_string"
            | "as_slice"
            | "as_str"
            | "clone"
            | "into_bytes"
            | "as_byte_slice"
    )
}

/// Evaluates integer arithmetic on literals and constants (`1024 * 1024`, `usize::MAX`,
/// `10.mebibytes()`); `None` when the value is not known from the source.
pub(crate) fn eval_int(
    e: &syn::Expr,
    consts: &HashMap<String, &syn::Expr>,
    depth: u32,
) -> Option<u128> {
    if depth > 16 {
        return None;
    }
    let ev = |x: &syn::Expr| eval_int(x, consts, depth + 1);
    match e {
        syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Int(i),
            ..
        }) => i.base10_parse::<u128>().ok(),
        syn::Expr::Paren(p) => ev(&p.expr),
        syn::Expr::Group(g) => ev(&g.expr),
        syn::Expr::Cast(c) => ev(&c.expr),
        syn::Expr::Binary(b) => {
            let (l, r) = (ev(&b.left)?, ev(&b.right)?);
            match b.op {
                syn::BinOp::Mul(_) => Some(l.saturating_mul(r)),
                syn::BinOp::Add(_) => Some(l.saturating_add(r)),
                syn::BinOp::Sub(_) => Some(l.saturating_sub(r)),
                syn::BinOp::Div(_) => l.checked_div(r),
                syn::BinOp::Shl(_) => Some(if r >= 64 { u128::MAX } else { l << r }),
                syn::BinOp::Shr(_) => Some(if r >= 128 { 0 } else { l >> r }),
                _ => None,
            }
        }
        syn::Expr::Path(p) if p.qself.is_none() => {
            let segs = segments(&p.path);
            if segs.len() == 2 && segs[1] == "MAX" {
                return match segs[0].as_str() {
                    "usize" | "u64" => Some(u64::MAX as u128),
                    "isize" | "i64" => Some(i64::MAX as u128),
                    "u32" => Some(u32::MAX as u128),
                    "i32" => Some(i32::MAX as u128),
                    "u128" | "i128" => Some(u128::MAX),
                    _ => None,
                };
            }
            let v = consts.get(segs.last()?)?;
            ev(v)
        }
        syn::Expr::MethodCall(m) => {
            let unit: u128 = match m.method.to_string().as_str() {
                "bytes" => 1,
                "kilobytes" => 1000,
                "kibibytes" => 1 << 10,
                "megabytes" => 1_000_000,
                "mebibytes" => 1 << 20,
                "gigabytes" => 1_000_000_000,
                "gibibytes" => 1 << 30,
                "terabytes" => 1_000_000_000_000,
                "tebibytes" => 1 << 40,
                "into" | "try_into" | "unwrap" => 1,
                _ => return None,
            };
            Some(ev(&m.receiver)?.saturating_mul(unit))
        }
        syn::Expr::Call(c) => {
            let segs = segments(call_path(c)?);
            let unit: u128 = match segs.last()?.as_str() {
                "Byte" => 1,
                "Kilobyte" => 1000,
                "Kibibyte" => 1 << 10,
                "Megabyte" => 1_000_000,
                "Mebibyte" => 1 << 20,
                "Gigabyte" => 1_000_000_000,
                "Gibibyte" => 1 << 30,
                "from" => 1,
                _ => return None,
            };
            Some(ev(c.args.first()?)?.saturating_mul(unit))
        }
        _ => None,
    }
}

/// `1073741824` → `1 GiB`, `usize::MAX` → `no limit`.
pub(crate) fn human_bytes(n: u128) -> String {
    if n >= 1 << 62 {
        return "no limit".into();
    }
    for (unit, size) in [
        ("TiB", 1u128 << 40),
        ("GiB", 1 << 30),
        ("MiB", 1 << 20),
        ("KiB", 1 << 10),
    ] {
        if n >= size && n % size == 0 {
            return format!("{} {unit}", n / size);
        }
    }
    format!("{n} bytes")
}

// ---------------------------------------------------------------------------------------
// The project.

fn project_findings(
    files: &[PathBuf],
    places: &[Place],
    facts: Vec<Option<FileFacts>>,
    rules: &[&'static str],
    sel: &Selection,
    crates: &served::CrateGraph,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let literal: HashSet<&str> = facts
        .iter()
        .flatten()
        .flat_map(|f| f.literal_consts.iter().map(String::as_str))
        .collect();
    // Constants named by pending findings, in files the prefilter skipped.
    let mut unresolved: Vec<&str> = facts
        .iter()
        .flatten()
        .flat_map(|f| f.pending.iter().map(|p| p.name.as_str()))
        .filter(|n| !literal.contains(n))
        .collect();
    unresolved.sort();
    unresolved.dedup();
    let more: HashSet<String> = if unresolved.is_empty() {
        HashSet::new()
    } else {
        files
            .par_iter()
            .flat_map_iter(|f| literal_consts_named(f, &unresolved))
            .collect()
    };
    // TLS anywhere in a crate.
    let mut tls_crates: HashSet<&Path> = HashSet::new();
    for (f, p) in facts.iter().zip(places) {
        if f.as_ref().is_some_and(|f| f.tls) {
            tls_crates.insert(&p.crate_dir);
        }
    }
    out.extend(flow_findings(&facts, rules, sel, &|caller, callee| {
        crates.reaches(caller, callee)
    }));
    let mut rocket_config: BTreeMap<&Path, http_only_server::RocketConfig> = BTreeMap::new();
    for (f, place) in facts.iter().zip(places) {
        let Some(f) = f else { continue };
        // Indexed only when the file has something to report (this loop is serial).
        let lines = std::cell::OnceCell::new();
        let mut push = |hit: &Hit| {
            if rules.contains(&hit.rule) {
                let mut d = diagnostic(
                    meta(hit.rule),
                    sel,
                    f.name.clone(),
                    lines
                        .get_or_init(|| LineIndex::new(&f.text))
                        .range(&f.text, hit.span),
                    hit.message.clone(),
                );
                if hit.info {
                    d.severity = Severity::Info;
                }
                out.push(d);
            }
        };
        for h in &f.hits {
            push(h);
        }
        for p in &f.pending {
            if literal.contains(p.name.as_str()) || more.contains(&p.name) {
                push(&p.hit);
            }
        }
        if rules.contains(&"http-only-server") && !tls_crates.contains(place.crate_dir.as_path()) {
            for b in &f.binds {
                let served = match &b.var {
                    Some(v) => f.served.contains(v),
                    None => f.serves,
                };
                if b.needs_serve && !served {
                    continue;
                }
                let mut message = b.message.clone();
                if b.rocket {
                    let cfg = rocket_config
                        .entry(&place.crate_dir)
                        .or_insert_with(|| http_only_server::RocketConfig::read(&place.crate_dir));
                    if cfg.tls || !cfg.public_address {
                        continue;
                    }
                    message = http_only_server::rocket_message(cfg);
                }
                // Most services that listen on plain HTTP sit behind a proxy or ingress
                // that ends TLS, which the code cannot show: said at info, with the way
                // to say so.
                push(&Hit {
                    rule: "http-only-server",
                    span: b.span,
                    message: format!(
                        "{message}, unless TLS ends at a proxy in front (then set `tls = \"proxy\"` in apiward.toml)"
                    ),
                    info: true,
                });
            }
        }
    }
    out
}

/// Parses, for the data-flow rules, the files the prefilter skipped that define a function
/// a handler passes a request value to: helpers are followed one level wherever they are.
fn helper_files(
    files: &[PathBuf],
    places: &[Place],
    facts: &mut [Option<FileFacts>],
    sink_fns: &[&[Box<str>]],
    rules: &[&'static str],
    opts: &RustRuleOptions,
) {
    if !flow::rules(rules) {
        return;
    }
    let names: HashSet<&str> = facts
        .iter()
        .flatten()
        .flat_map(|f| flow::callees(&f.flow))
        .collect();
    if names.is_empty() {
        return;
    }
    let more: Vec<(usize, FileFacts)> = files
        .par_iter()
        .enumerate()
        .with_max_len(8)
        // Files holding a sink and defining a function a handler calls.
        .filter(|(i, _)| sink_fns[*i].iter().any(|f| names.contains(&**f)))
        .filter(|(i, _)| !facts[*i].as_ref().is_some_and(|f| f.flow.walked))
        .filter_map(|(i, f)| {
            let bytes = apiward_diagnostics::read::read_file(f).ok()?;
            let text = String::from_utf8(bytes).ok()?;
            // Only the helper functions are parsed, each on its own.
            let items: Vec<(u32, syn::ItemFn)> = flow::helper_items(&text, &names)
                .into_iter()
                .filter(|(_, src)| apiward_source::depth::too_deep(src).is_none())
                .filter_map(|(at, src)| Some((at, syn::parse_str::<syn::ItemFn>(src).ok()?)))
                .collect();
            if items.is_empty() {
                return None;
            }
            let mut ff = FileFacts {
                name: apiward_diagnostics::display_path(f),
                ..FileFacts::default()
            };
            {
                let mut w = Walker {
                    base: 0,
                    text: &text,
                    consts: HashMap::new(),
                    locals: HashMap::new(),
                    test_depth: u32::from(places[i].test_code),
                    branches: Vec::new(),
                    example: places[i].example,
                    in_receiver: false,
                    let_name: None,
                    // Helpers yield summaries (for every data-flow rule), not findings.
                    rules: &[],
                    opts,
                    file: None,
                    replaced_body_limits: HashSet::new(),
                    jwt: None,
                    out: FileFacts::default(),
                };
                flow::run_items(&mut w, &items);
                ff.flow = w.out.flow;
            }
            drop(items);
            proc_macro2::extra::invalidate_current_thread_spans();
            ff.text = text.into();
            Some((i, ff))
        })
        .collect();
    for (i, ff) in more {
        match &mut facts[i] {
            Some(existing) => existing.flow = ff.flow,
            slot @ None => *slot = Some(ff),
        }
    }
}

/// Reads the structs that findings depend on (`Query<Paging>`, a request struct a page size
/// is put into) from the files not walked that define them with a validation bound: a
/// struct of another crate of the workspace is judged by its definition too.
fn struct_files(files: &[PathBuf], facts: &mut [Option<FileFacts>], structs: &[&[Box<str>]]) {
    let names: HashSet<&str> = facts
        .iter()
        .flatten()
        .flat_map(|f| flow::wanted_structs(&f.flow))
        .collect();
    if names.is_empty() {
        return;
    }
    let more: Vec<(usize, Vec<flow::StructFact>, Text)> = files
        .par_iter()
        .enumerate()
        .filter(|(i, _)| structs[*i].iter().any(|s| names.contains(&**s)))
        .filter(|(i, _)| !facts[*i].as_ref().is_some_and(|f| f.flow.walked))
        .filter_map(|(i, f)| {
            let bytes = apiward_diagnostics::read::read_file(f).ok()?;
            let text = String::from_utf8(bytes).ok()?;
            let found = flow::struct_facts_named(&text, &names);
            proc_macro2::extra::invalidate_current_thread_spans();
            (!found.is_empty()).then(|| (i, found, text.into()))
        })
        .collect();
    for (i, found, text) in more {
        match &mut facts[i] {
            Some(existing) => existing.flow.structs.extend(found),
            slot @ None => {
                let mut ff = FileFacts {
                    name: apiward_diagnostics::display_path(&files[i]),
                    text,
                    ..FileFacts::default()
                };
                ff.flow.structs = found;
                *slot = Some(ff);
            }
        }
    }
}

/// The data-flow findings: those of each file whose conditions hold in the project, and
/// sinks in helpers reached by a handler's call.
fn flow_findings(
    facts: &[Option<FileFacts>],
    rules: &[&'static str],
    sel: &Selection,
    reaches: &dyn Fn(usize, usize) -> bool,
) -> Vec<Diagnostic> {
    let flows: Vec<Option<&flow::FlowFacts>> =
        facts.iter().map(|f| f.as_ref().map(|f| &f.flow)).collect();
    if flows
        .iter()
        .flatten()
        .all(|f| f.hits.is_empty() && f.calls.is_empty())
    {
        return Vec::new();
    }
    let modules: Vec<Option<&str>> = facts
        .iter()
        .map(|f| f.as_ref().and_then(|f| module_name(&f.name)))
        .collect();
    let project = flow::Project::new(&flows, modules);
    let mut lines: HashMap<usize, LineIndex> = HashMap::new();
    let mut out = Vec::new();
    let mut seen: HashSet<(usize, &str, u32)> = HashSet::new();
    let mut push = |fi: usize,
                    rule: &'static str,
                    span: Span,
                    message: String,
                    call: Option<(usize, Span)>| {
        let Some(f) = &facts[fi] else { return };
        if !rules.contains(&rule) || !seen.insert((fi, rule, span.start)) {
            return;
        }
        let range = lines
            .entry(fi)
            .or_insert_with(|| LineIndex::new(&f.text))
            .range(&f.text, span);
        let mut d = diagnostic(meta(rule), sel, f.name.clone(), range, message);
        if let Some((cfi, cspan)) = call {
            if let Some(cf) = &facts[cfi] {
                let range = lines
                    .entry(cfi)
                    .or_insert_with(|| LineIndex::new(&cf.text))
                    .range(&cf.text, cspan);
                d.related.push(apiward_diagnostics::Related {
                    message: "the request value is passed here".into(),
                    file: cf.name.clone(),
                    range,
                    pointer: None,
                });
            }
        }
        out.push(d);
    };
    for (fi, f) in flows.iter().enumerate() {
        let Some(f) = f else { continue };
        for (hit, conds) in &f.hits {
            if conds.iter().all(|c| project.holds(c, fi)) {
                push(fi, hit.rule, hit.span, hit.message.clone(), None);
            }
        }
        for call in &f.calls {
            // Only a function the caller's crate can call: its own, or one of a crate it
            // depends on (not a same-named function of another binary).
            for (hfi, s) in project.reached(call, fi) {
                if !reaches(fi, hfi) {
                    continue;
                }
                if let flow::Effect::Sink {
                    rule, span, what, ..
                } = &s.effect
                {
                    let message = format!(
                        "{} {}{} (passed to `{}`)",
                        what.0,
                        flow::describe_call(call),
                        what.1,
                        s.func
                    );
                    push(hfi, rule, *span, message, Some((fi, call.span)));
                }
            }
        }
    }
    out
}

/// The handlers that only routes served in a development environment reach ([`Route::dev_only`]
/// on every route naming them): their file and the byte range of their definition, from
/// the name to the end of the body.
///
/// [`Route::dev_only`]: apiward_source::Route::dev_only
fn dev_only_handlers(inv: &Inventory) -> Vec<(String, std::ops::Range<usize>)> {
    let mut by_handler: HashMap<(&str, u32), bool> = HashMap::new();
    for r in &inv.routes {
        if let Some(h) = &r.handler_location {
            let all_dev = by_handler
                .entry((h.file.as_str(), h.range.start.offset))
                .or_insert(true);
            *all_dev &= r.dev_only;
        }
    }
    let mut out = Vec::new();
    for ((file, start), dev) in by_handler {
        if !dev {
            continue;
        }
        let Ok(text) = apiward_diagnostics::read::read_text(Path::new(file)) else {
            continue;
        };
        let start = start as usize;
        if let Some(end) = flow::item_end(text.as_bytes(), start) {
            out.push((file.to_owned(), start..end));
        }
    }
    out
}

/// The module a file is: its stem, or its folder's name for a `mod.rs`; none for a crate
/// root (`lib.rs`, `main.rs`), named by its package.
fn module_name(file: &str) -> Option<&str> {
    let p = Path::new(file);
    match p.file_stem()?.to_str()? {
        "mod" => p.parent()?.file_name()?.to_str(),
        "lib" | "main" => None,
        stem => Some(stem),
    }
}

/// Names among `names` that `file` defines as constants with literal values.
fn literal_consts_named(file: &Path, names: &[&str]) -> Vec<String> {
    let Ok(text) = apiward_diagnostics::read::read_text(file) else {
        return Vec::new();
    };
    let defines = names
        .iter()
        .any(|n| text.contains(&format!("const {n}")) || text.contains(&format!("static {n}")));
    if !defines {
        return Vec::new();
    }
    let (_, content) = strip_preamble(&text);
    let mut out = Vec::new();
    if apiward_source::depth::too_deep(content).is_some() {
        return out;
    }
    // Part by part ([`apiward_source::parts`]): a file that does not parse defines none.
    let mut consts = HashMap::new();
    let parsed = apiward_source::parts::cut(content).into_iter().all(|r| {
        apiward_source::parts::parse(content, r)
            .map(|p| gather_consts(&p.file, &mut consts))
            .is_ok()
    });
    if parsed {
        let map: HashMap<String, &syn::Expr> = consts.iter().map(|(n, e)| (n.clone(), e)).collect();
        for n in names {
            if map.get(*n).is_some_and(|e| is_literal_value(e, &map, 0)) {
                out.push((*n).to_string());
            }
        }
    }
    proc_macro2::extra::invalidate_current_thread_spans();
    out
}

// ---------------------------------------------------------------------------------------
// Suppressions.

/// Drops the findings a comment silences, noting `(file, 1-based line)` of each comment used.
fn drop_suppressed(diags: &mut Vec<Diagnostic>, used: &mut HashSet<(String, usize)>) {
    let mut texts: HashMap<String, Option<(String, LineIndex)>> = HashMap::new();
    diags.retain(|d| {
        let entry = texts.entry(d.file.clone()).or_insert_with(|| {
            apiward_diagnostics::read::read_text(Path::new(&d.file))
                .ok()
                .map(|t| {
                    let l = LineIndex::new(&t);
                    (t, l)
                })
        });
        let Some((text, lines)) = entry else {
            return true;
        };
        let line = d.range.start.line as usize;
        let by = [line, line.saturating_sub(1)]
            .into_iter()
            .filter(|l| *l >= 1)
            .find(|l| {
                let start = lines.line_start(l - 1);
                let end = lines.line_start(*l).unwrap_or(text.len() as u32);
                start.is_some_and(|s| comment_ignores(&text[s as usize..end as usize], &d.rule))
            });
        if let Some(l) = by {
            used.insert((d.file.clone(), l));
        }
        by.is_none()
    });
}

/// `// apiward: ignore[rule, ...] -- reason`
pub(crate) fn comment_ignores(line: &str, rule: &str) -> bool {
    let Some(i) = line.find("apiward: ignore[") else {
        return false;
    };
    if !line[..i].trim_end().ends_with("//") {
        return false;
    }
    let rest = &line[i + "apiward: ignore[".len()..];
    let Some(close) = rest.find(']') else {
        return false;
    };
    let meta = crate::rule(rule);
    rest[..close].split(',').map(str::trim).any(|n| {
        n == "all"
            || n == rule
            || meta.is_some_and(|m| m.aliases.iter().any(|a| a.eq_ignore_ascii_case(n)))
    })
}
