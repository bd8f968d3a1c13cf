//! Suppressions written in the documents themselves: `x-apiward-ignore: [rule, ...]` on the
//! node of a finding or any node above it, and a `# apiward: ignore[rule, ...]` comment on
//! the finding's line or the line above (YAML).
//!
//! The comments are parsed here for Rust code too (`// apiward: ignore[rule] -- reason`,
//! [`comment_line`]): one parser, whatever opens the comment.
//!
//! Each suppression that is used is noted, so that the audit at the end of a run can say
//! which name no rule (`suppression-unknown-rule`) and which suppress nothing
//! (`unused-suppression`, preset `all`).

use std::collections::HashSet;

use apiward_diagnostics::{Diagnostic, Span};
use apiward_spec::load::{DocId, NodeRef, Workspace};
use apiward_spec::tree::{NodeId, Value};

use crate::meta::{RuleMeta, Target};
use crate::select::Selection;
use crate::Rule;

/// The key of node suppressions.
const KEY: &str = "x-apiward-ignore";
/// What starts a comment suppression.
const COMMENT: &str = "apiward: ignore[";

/// A place that suppresses findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Site {
    /// The `x-apiward-ignore` value node.
    Node(DocId, NodeId),
    /// A comment on this 0-based line.
    Line(DocId, u32),
}

/// Whether a name written in a suppression stands for the rule `id` (with `aliases`): its
/// id, one of its aliases, or `all`.
fn names_rule(name: &str, id: &str, aliases: &[String]) -> bool {
    let name = name.trim();
    name == "all" || name == id || aliases.iter().any(|a| a.eq_ignore_ascii_case(name))
}

/// The 1-based line of the `apiward: ignore[...]` comment opened by `opener` (`#`, `//`)
/// that silences a finding of rule `id` (with `aliases`) on 1-based `line`: that line, or
/// the one above.
pub(crate) fn comment_line(
    text: &str,
    lines: &apiward_diagnostics::LineIndex,
    line: usize,
    opener: &str,
    id: &str,
    aliases: &[String],
) -> Option<usize> {
    [line, line.saturating_sub(1)]
        .into_iter()
        .filter(|l| *l >= 1)
        .find(|l| {
            comment_names_after(line_text(text, lines, l - 1), opener)
                .is_some_and(|(_, names)| names.split(',').any(|n| names_rule(n, id, aliases)))
        })
}

/// The suppression that silences a finding of `meta` at `at`/`span`, if any.
pub(crate) fn suppressed_by(
    ws: &Workspace,
    at: NodeRef,
    span: Span,
    meta: &RuleMeta,
) -> Option<Site> {
    let doc = ws.doc(at.doc);
    if !doc.has_suppressions {
        return None;
    }
    let tree = &doc.tree;
    let names = |s: &str| names_rule(s, meta.id.as_str(), &meta.aliases);
    let mut cur = Some(at.node);
    while let Some(id) = cur {
        if let Some(list) = tree.get(id, KEY) {
            let listed = match tree.as_seq(list) {
                Some(items) => items.iter().any(|i| tree.as_str(*i).is_some_and(&names)),
                None => tree.as_str(list).is_some_and(names),
            };
            if listed {
                return Some(Site::Node(at.doc, list));
            }
        }
        cur = tree.node(id).parent();
    }
    let line = doc.lines.position(&doc.text, span.start).line as usize;
    let (id, aliases) = (meta.id.as_str(), &meta.aliases);
    comment_line(&doc.text, &doc.lines, line, "#", id, aliases)
        .map(|l| Site::Line(at.doc, (l - 1) as u32))
}

fn line_text<'a>(text: &'a str, lines: &apiward_diagnostics::LineIndex, line0: usize) -> &'a str {
    let Some(start) = lines.line_start(line0) else {
        return "";
    };
    let end = lines.line_start(line0 + 1).unwrap_or(text.len() as u32);
    &text[start as usize..end as usize]
}

/// The names of an `apiward: ignore[...]` comment opened by `opener` (`#`, `//`) on `line`,
/// with their offset in it.
fn comment_names_after<'l>(line: &'l str, opener: &str) -> Option<(usize, &'l str)> {
    let i = line.find(COMMENT)?;
    if !line[..i].trim_end().ends_with(opener) {
        return None;
    }
    let start = i + COMMENT.len();
    let close = line[start..].find(']')?;
    Some((start, &line[start..start + close]))
}

/// A suppression comment: its 0-based line, its span (from `apiward` to `]`) and its names
/// with their spans.
pub(crate) struct CommentSite {
    pub line0: u32,
    pub span: Span,
    pub names: Vec<(String, Span)>,
}

/// Every `apiward: ignore[...]` comment opened by `opener` in `text`.
pub(crate) fn comment_sites(
    text: &str,
    lines: &apiward_diagnostics::LineIndex,
    opener: &str,
) -> Vec<CommentSite> {
    let mut out = Vec::new();
    for line0 in 0..lines.line_count() {
        let line = line_text(text, lines, line0);
        if !line.contains(COMMENT) {
            continue;
        }
        let Some((at, list)) = comment_names_after(line, opener) else {
            continue;
        };
        let base = lines.line_start(line0).unwrap_or(0) as usize + at;
        let mut names = Vec::new();
        let mut offset = 0;
        for part in list.split(',') {
            let lead = part.len() - part.trim_start().len();
            let name = part.trim();
            let s = (base + offset + lead) as u32;
            names.push((name.to_owned(), Span::new(s, s + name.len() as u32)));
            offset += part.len() + 1;
        }
        let start = (base - COMMENT.len()) as u32;
        out.push(CommentSite {
            line0: line0 as u32,
            span: Span::new(start, (base + list.len() + 1) as u32),
            names,
        });
    }
    out
}

/// What to say about one suppression: `(rule, span, message)` for each name that names no
/// rule (`suppression-unknown-rule`), and one for the whole suppression when it silenced
/// nothing (`unused-suppression`) and could be judged: every name known and `could_use`
/// (the rule ran, or cannot be silenced by this kind of suppression at all).
pub(crate) fn judge(
    names: &[(String, Span)],
    span: Span,
    used: bool,
    could_use: impl Fn(Option<&'static RuleMeta>) -> bool,
    sel: &Selection,
) -> Vec<(&'static RuleMeta, Span, String)> {
    let unknown_rule = sel.on(Rule::SuppressionUnknownRule);
    let unused_rule = sel.on(Rule::UnusedSuppression);
    let mut out = Vec::new();
    let mut judged = !names.is_empty();
    for (name, at) in names {
        if !known(name) {
            judged = false;
            if let Some(meta) = unknown_rule {
                let hint = match crate::select::suggest(name) {
                    Some(s) => format!("; did you mean `{s}`?"),
                    None => " (see `apiward rules`)".to_owned(),
                };
                out.push((
                    meta,
                    *at,
                    format!("`{name}` in a suppression names no rule{hint}"),
                ));
            }
            continue;
        }
        judged &= could_use(rule_named(name));
    }
    if let Some(meta) = unused_rule.filter(|_| judged && !used) {
        let names: Vec<&str> = names.iter().map(|(n, _)| n.as_str()).collect();
        let message = format!(
            "suppression of `{}` suppresses nothing here",
            names.join("`, `")
        );
        out.push((meta, span, message));
    }
    out
}

/// Whether `name` names a rule (id or Spectral alias) or is `all`.
fn known(name: &str) -> bool {
    name == "all"
        || crate::meta::all_rules().iter().any(|r| {
            r.id.as_str() == name || r.aliases.iter().any(|a| a.eq_ignore_ascii_case(name))
        })
}

/// The rule a known name stands for (`None` for `all`).
fn rule_named(name: &str) -> Option<&'static RuleMeta> {
    crate::meta::all_rules()
        .iter()
        .find(|r| r.id.as_str() == name || r.aliases.iter().any(|a| a.eq_ignore_ascii_case(name)))
}

/// One suppression of a document: where it is, the names it lists with their spans.
struct Written {
    site: Site,
    span: Span,
    names: Vec<(String, Span)>,
}

/// Every suppression written in the document `id`.
fn written(ws: &Workspace, id: DocId) -> Vec<Written> {
    let doc = ws.doc(id);
    let mut out = Vec::new();
    if !doc.has_suppressions {
        return out;
    }
    let tree = &doc.tree;
    for node in &tree.nodes {
        let Value::Map(entries) = &node.value else {
            continue;
        };
        for e in entries.iter().filter(|e| e.key == KEY) {
            let list = e.value;
            let items: Vec<NodeId> = match tree.as_seq(list) {
                Some(items) => items.to_vec(),
                None => vec![list],
            };
            let names = items
                .iter()
                .filter_map(|i| Some((tree.as_str(*i)?.trim().to_owned(), tree.span(*i))))
                .collect();
            out.push(Written {
                site: Site::Node(id, list),
                span: e.key_span,
                names,
            });
        }
    }
    for c in comment_sites(&doc.text, &doc.lines, "#") {
        out.push(Written {
            site: Site::Line(id, c.line0),
            span: c.span,
            names: c.names,
        });
    }
    out
}

fn finding(
    ws: &Workspace,
    doc: DocId,
    meta: &RuleMeta,
    sel: &Selection,
    span: Span,
    message: String,
) -> Diagnostic {
    let d = ws.doc(doc);
    Diagnostic {
        rule: meta.id.into(),
        owasp: None,
        severity: sel.severity(meta),
        message,
        file: d.path.clone(),
        range: d.range(span),
        pointer: None,
        help: Some(meta.help.clone()),
        label: None,
        related: Vec::new(),
        input_error: false,
    }
}

/// The suppressions of the workspace's documents that name no rule, and (when the run
/// could have used them) those that suppressed nothing.
pub(crate) fn audit(ws: &Workspace, used: &HashSet<Site>, sel: &Selection) -> Vec<Diagnostic> {
    if !sel.enabled(Rule::SuppressionUnknownRule) && !sel.enabled(Rule::UnusedSuppression) {
        return Vec::new();
    }
    // `all` can only be judged when every check of the descriptions ran. A check that did
    // not run could have used a suppression: not judged. A rule that is no such check
    // (code, routes, the loader's) is never silenced by these suppressions: judged.
    let every_check = crate::checks::CHECKS.iter().all(|(id, _)| sel.enabled(*id));
    let could_use = |r: Option<&'static RuleMeta>| match r {
        None => every_check,
        Some(r) => sel.enabled(r.id) || !r.targets.contains(&Target::Spec),
    };
    let mut out = Vec::new();
    for i in 0..ws.docs.len() {
        let id = DocId(i as u32);
        for w in written(ws, id) {
            let said = judge(&w.names, w.span, used.contains(&w.site), could_use, sel);
            for (meta, span, message) in said {
                out.push(finding(ws, id, meta, sel, span, message));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comment_names_are_found_after_a_hash() {
        let names = |line| comment_names_after(line, "#");
        assert_eq!(
            names("  post: # apiward: ignore[missing-auth, x]"),
            Some((26, "missing-auth, x"))
        );
        assert_eq!(names("description: apiward: ignore[x]"), None);
        assert_eq!(names("# apiward: ignore[x"), None);
    }
}

#[cfg(test)]
mod audit_tests {
    use crate::meta::Preset;
    use crate::select::Selection;
    use crate::Rule;

    /// `rule: line:col message` for every suppression finding of `text` with `preset`,
    /// less `ignore`.
    fn run(text: &str, preset: Preset, ignore: &[&str]) -> Vec<String> {
        let ignore: Vec<String> = ignore
            .iter()
            .map(std::string::ToString::to_string)
            .collect();
        let sel = Selection::new(preset, &[], &ignore, &[]).unwrap();
        let (diags, _) = crate::tester::check_with(&sel, &[("openapi.yaml", text)]);
        diags
            .iter()
            .filter(|d| d.rule.contains("suppression"))
            .map(|d| {
                format!(
                    "{}: {}:{} {}",
                    d.rule, d.range.start.line, d.range.start.column, d.message
                )
            })
            .collect()
    }

    #[test]
    fn rule_file_examples() {
        for id in [Rule::SuppressionUnknownRule, Rule::UnusedSuppression] {
            let r = crate::rule(id);
            let bad = run(&r.bad, Preset::All, &[]);
            assert!(
                bad.iter().any(|f| f.starts_with(id.as_str())),
                "{id}: {bad:#?}"
            );
            let good = run(&r.good, Preset::All, &[]);
            assert!(good.is_empty(), "{id}: {good:#?}");
        }
    }

    const SPEC: &str = r#"openapi: 3.0.3
info: { title: Shop, version: "1" }
paths:
  /orders:
    get: # apiward: ignore[missing-auth]
      responses:
        "200": { description: ok }
    post:
      x-apiward-ignore: [misisng-auth, API2]
      responses:
        "200": { description: ok }
    put:
      # apiward: ignore[ unbounded-string , nope ]
      x-apiward-ignore: all
      responses:
        "200": { description: ok }
"#;

    #[test]
    fn unknown_names_are_located_with_a_suggestion() {
        let found = run(SPEC, Preset::Recommended, &[]);
        assert_eq!(
            found,
            [
                "suppression-unknown-rule: 9:26 `misisng-auth` in a suppression names no rule; did you mean `missing-auth`?",
                "suppression-unknown-rule: 9:40 `API2` in a suppression names no rule (see `apiward rules`)",
                "suppression-unknown-rule: 13:45 `nope` in a suppression names no rule (see `apiward rules`)",
            ],
            "{found:#?}"
        );
    }

    #[test]
    fn unused_suppressions_in_preset_all() {
        let found = run(SPEC, Preset::All, &["unbounded-string"]);
        // The comment on `get:` is used; `all` on `put` is used (missing-auth); the comment
        // above `put:` names a rule that did not run (and an unknown name): not judged.
        assert!(
            found.iter().all(|f| !f.starts_with("unused-suppression")),
            "{found:#?}"
        );
        // On a secured document the comment on `get:` has nothing to suppress; `all` on
        // `put` still silences the checks of preset `all` that fire on any operation.
        let secured = SPEC.replace(
            "paths:",
            "security: [{ key: [] }]\ncomponents:\n  securitySchemes:\n    key: { type: apiKey, in: header, name: X-Key }\npaths:",
        );
        let found = run(&secured, Preset::All, &[]);
        let unused: Vec<&String> = found
            .iter()
            .filter(|f| f.starts_with("unused-suppression"))
            .collect();
        assert_eq!(
            unused,
            ["unused-suppression: 9:12 suppression of `missing-auth` suppresses nothing here"],
            "{found:#?}"
        );
        // The recommended preset does not report unused suppressions.
        let found = run(&secured, Preset::Recommended, &[]);
        assert!(found.iter().all(|f| !f.starts_with("unused-suppression")));
    }
}
