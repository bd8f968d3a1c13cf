//! The rule engine: the registry (from `rules/`), selection by id, alias or OWASP category,
//! the checks, and suppressions. Rules run in parallel over every API description.

mod checks;
pub mod code_bounds;
pub mod cross;
pub mod meta;
pub mod public;
pub mod rust;
pub mod select;
mod suppress;

use apiward_diagnostics::{Diagnostic, Severity, Span};
use apiward_spec::load::{NodeRef, Workspace};
use apiward_spec::model::Api;
use rayon::prelude::*;

pub use apiward_diagnostics::Rule;
pub use meta::{all_rules, lookup, rule, Preset, RuleMeta, Target};
pub use rust::{check_rust, code_rules_only, scan_rust, RustRuleOptions};
pub use select::{Selection, SelectionError};

/// What a check found: the node, the exact span to underline, and the message.
#[derive(Debug, Clone)]
pub struct Finding {
    pub at: NodeRef,
    pub span: Span,
    pub message: String,
    /// The highest severity this finding is reported at (the rule's, or the configured one,
    /// when lower): e.g. `missing-auth` on a read is a warning, on a write an error.
    pub cap: Option<Severity>,
}

/// What a check sees.
pub struct Context<'a> {
    pub ws: &'a Workspace,
    pub api: &'a Api,
    pub meta: &'static RuleMeta,
}

impl Context<'_> {
    /// Fills the rule's message template: `{name}` → value.
    pub fn message(&self, fields: &[(&str, &str)]) -> String {
        fill(&self.meta.message, fields)
    }
}

/// One pass over the template: a value is never read again as a template, so a value
/// holding `{key}` (a security scheme named `k{key}`) stays as written.
pub(crate) fn fill(template: &str, fields: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            fields
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| (*v, close))
        });
        if let Some((v, close)) = value {
            out.push_str(v);
            rest = &after[close + 1..];
        } else {
            // In the rules' tests, a placeholder no field fills is the check's mistake: it
            // would show as written (`{url}`).
            #[cfg(test)]
            if let Some(name) = after.find('}').map(|close| &after[..close]) {
                assert!(
                    name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'),
                    "`{template}`: no value for the placeholder `{{{name}}}`"
                );
            }
            out.push('{');
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod fill_tests {
    use super::fill;

    #[test]
    fn values_are_not_templates() {
        assert_eq!(
            fill(
                "scheme `{name}` ({key})",
                &[("name", "k{key}"), ("key", "api_key")]
            ),
            "scheme `k{key}` (api_key)"
        );
        assert_eq!(fill("{a}{b} {} {", &[("a", "1"), ("b", "2")]), "12 {} {");
        assert_eq!(fill("{a} and {a}", &[("a", "x")]), "x and x");
    }

    /// A check that forgets a field fails its tests instead of printing `{c}`.
    #[test]
    #[should_panic(expected = "no value for the placeholder `{c}`")]
    fn a_missing_field_fails_the_tests() {
        fill("{a} {c}", &[("a", "1")]);
    }
}

/// Builds the model of every API description and runs the selected rules on them. Load
/// problems of the workspace that belong to a rule (`remote-ref`) are filtered by the same
/// selection; the others (parse errors, broken `$ref`s) always pass.
pub fn check(ws: &Workspace, selection: &Selection) -> Vec<Diagnostic> {
    check_specs(ws, selection).diagnostics
}

/// What the spec rules found, with the models they were run on (the cross rules take them
/// once the routes are known).
pub struct SpecsChecked {
    pub apis: Vec<Api>,
    pub diagnostics: Vec<Diagnostic>,
}

/// The spec rules alone: they need no route inventory, so they can run while it is built.
pub fn check_specs(ws: &Workspace, selection: &Selection) -> SpecsChecked {
    let apis: Vec<Api> = ws
        .api_docs()
        .collect::<Vec<_>>()
        .into_par_iter()
        .map(|d| Api::build(ws, d))
        .collect();
    let jobs: Vec<(&Api, &'static RuleMeta, checks::CheckFn)> = apis
        .iter()
        .flat_map(|api| {
            checks::CHECKS
                .iter()
                .filter(|(id, _)| selection.enabled(*id))
                .map(|(id, f)| (api, rule(*id), *f))
                .collect::<Vec<_>>()
        })
        .collect();
    // Findings, and the suppressions that silenced some.
    let found: Vec<(Vec<Diagnostic>, Vec<suppress::Site>)> = jobs
        .par_iter()
        .map(|(api, meta, f)| {
            let cx = Context { ws, api, meta };
            let mut findings = Vec::new();
            f(&cx, &mut findings);
            let mut used = Vec::new();
            let kept = findings
                .into_iter()
                .filter(
                    |fd| match suppress::suppressed_by(ws, fd.at, fd.span, meta) {
                        Some(site) => {
                            used.push(site);
                            false
                        }
                        None => true,
                    },
                )
                .map(|fd| to_diagnostic(ws, meta, selection, fd))
                .collect();
            (kept, used)
        })
        .collect();
    let used: std::collections::HashSet<suppress::Site> =
        found.iter().flat_map(|(_, u)| u.iter().copied()).collect();
    // The lists joined into the largest one, not copied into a new one: with half a million
    // findings the copy was the run's peak of memory (issue 17).
    let total: usize = found.iter().map(|(d, _)| d.len()).sum();
    let mut lists: Vec<Vec<Diagnostic>> = found.into_iter().map(|(d, _)| d).collect();
    let largest = (0..lists.len()).max_by_key(|&i| lists[i].len());
    let mut out = largest.map_or_else(Vec::new, |i| std::mem::take(&mut lists[i]));
    out.reserve_exact(total - out.len() + ws.problems.len());
    for mut d in lists {
        out.append(&mut d);
    }
    out.extend(suppress::audit(ws, &used, selection));
    for p in &ws.problems {
        match lookup(&p.rule) {
            // Findings of the loader's own rules (`duplicate-key`, `remote-ref`).
            Some(meta) if !meta.targets.contains(&meta::Target::Input) => {
                if selection.enabled(meta.id) {
                    let mut d = p.clone();
                    d.severity = selection.severity(meta);
                    out.push(d);
                }
            }
            _ => out.extend(selection.input_problem(p.clone())),
        }
    }
    apiward_diagnostics::sort_and_dedup(&mut out);
    SpecsChecked {
        apis,
        diagnostics: out,
    }
}

/// Copies of one description in the tree (tabby's `clients/.../openapi.json` and the
/// trimmed `website/static/openapi.json` made from it; an SDK's generated copy beside the
/// server's): descriptions with the same `info.title` that share a path, or that share most
/// of their paths (at least five, 60% of the smaller's) under two titles. A finding both
/// make (same rule, place and message) is reported once, in the copy paired with code
/// (`paired[i]`), else the one with the most operations, and names the others as related
/// places: one problem, one finding to read.
pub fn merge_copies(ws: &Workspace, apis: &[Api], paired: &[bool], out: &mut Vec<Diagnostic>) {
    use std::collections::HashMap;
    if apis.len() < 2 {
        return;
    }
    let title = |api: &Api| {
        ws.get(api.root, "info")
            .and_then(|info| ws.get_str(info, "title"))
            .map(str::trim)
            .filter(|t| !t.is_empty())
    };
    fn paths(api: &Api) -> std::collections::HashSet<&str> {
        api.operations.iter().map(|o| o.path.as_str()).collect()
    }
    fn key(d: &Diagnostic) -> (&str, Option<&str>, &str) {
        (d.rule.as_str(), d.pointer.as_deref(), d.message.as_str())
    }
    // Groups of copies, each led by the copy that keeps the findings: descriptions of one
    // title, and variants of one API under two titles (an edition's description beside the
    // open one's, `Lakekeeper＋ Management API`) that share most of their paths.
    let all_paths: Vec<std::collections::HashSet<&str>> = apis.iter().map(paths).collect();
    let mut group_of: Vec<usize> = (0..apis.len()).collect();
    fn root(g: &mut [usize], mut i: usize) -> usize {
        while g[i] != i {
            g[i] = g[g[i]];
            i = g[i];
        }
        i
    }
    let mut by_title: HashMap<&str, usize> = HashMap::new();
    for (i, api) in apis.iter().enumerate() {
        if let Some(t) = title(api) {
            let first = *by_title.entry(t).or_insert(i);
            let (a, b) = (root(&mut group_of, first), root(&mut group_of, i));
            group_of[b] = a;
        }
    }
    for i in 0..apis.len() {
        for j in i + 1..apis.len() {
            let shared = all_paths[i].intersection(&all_paths[j]).count();
            let smaller = all_paths[i].len().min(all_paths[j].len());
            if shared >= 5 && shared * 10 >= smaller * 6 {
                let (a, b) = (root(&mut group_of, i), root(&mut group_of, j));
                group_of[b] = a;
            }
        }
    }
    let mut members: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in 0..apis.len() {
        let r = root(&mut group_of, i);
        members.entry(r).or_default().push(i);
    }
    // File of a copy → file of the copy that keeps its findings.
    let mut kept_in: HashMap<&str, &str> = HashMap::new();
    let mut groups: Vec<&Vec<usize>> = members.values().filter(|g| g.len() > 1).collect();
    groups.sort();
    for group in groups {
        let lead = *group
            .iter()
            .max_by_key(|&&i| {
                (
                    paired.get(i).copied().unwrap_or(false),
                    apis[i].operations.len(),
                    std::cmp::Reverse(i),
                )
            })
            .expect("a group has members");
        let lead_paths = paths(&apis[lead]);
        let lead_file = ws.doc(apis[lead].doc).path.as_str();
        for &i in group.iter().filter(|&&i| i != lead) {
            if paths(&apis[i]).iter().any(|p| lead_paths.contains(p)) {
                kept_in.insert(ws.doc(apis[i].doc).path.as_str(), lead_file);
            }
        }
    }
    if kept_in.is_empty() {
        return;
    }
    // (finding, the lead's same finding) pairs.
    let merged: Vec<(usize, usize)> = {
        let leads: std::collections::HashSet<&str> = kept_in.values().copied().collect();
        let mut lead_findings = HashMap::new();
        for (n, d) in out.iter().enumerate() {
            if d.pointer.is_some() && leads.contains(d.file.as_str()) {
                lead_findings.entry((d.file.as_str(), key(d))).or_insert(n);
            }
        }
        out.iter()
            .enumerate()
            .filter(|(_, d)| d.pointer.is_some())
            .filter_map(|(n, d)| {
                let lead = kept_in.get(d.file.as_str())?;
                lead_findings.get(&(*lead, key(d))).map(|&at| (n, at))
            })
            .collect()
    };
    if merged.is_empty() {
        return;
    }
    let mut gone = vec![false; out.len()];
    for &(n, at) in &merged {
        let copy = &out[n];
        let related = apiward_diagnostics::Related {
            message: "the same in this copy of the description".into(),
            file: copy.file.clone(),
            range: copy.range,
            pointer: copy.pointer.clone(),
        };
        out[at].related.push(related);
        gone[n] = true;
    }
    let mut n = 0;
    out.retain(|_| {
        n += 1;
        !gone[n - 1]
    });
}

fn to_diagnostic(
    ws: &Workspace,
    meta: &'static RuleMeta,
    sel: &Selection,
    f: Finding,
) -> Diagnostic {
    let doc = ws.doc(f.at.doc);
    Diagnostic {
        rule: meta.id.into(),
        owasp: Some(meta.owasp.clone()),
        severity: f
            .cap
            .map_or(sel.severity(meta), |c| c.min(sel.severity(meta))),
        message: apiward_diagnostics::bounded(f.message),
        file: doc.path.clone(),
        range: doc.range(f.span),
        pointer: Some(doc.tree.pointer(f.at.node)),
        help: Some(meta.help.clone()),
        label: None,
        related: Vec::new(),
        input_error: false,
    }
}

pub(crate) fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
pub(crate) mod tester;
