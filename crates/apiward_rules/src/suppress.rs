//! Suppressions written in the documents themselves: `x-apiward-ignore: [rule, ...]` on the
//! node of a finding or any node above it, and a `# apiward: ignore[rule, ...]` comment on
//! the finding's line or the line above (YAML).

use apiward_diagnostics::Span;
use apiward_spec::load::{NodeRef, Workspace};

use crate::meta::RuleMeta;

fn names_rule(name: &str, meta: &RuleMeta) -> bool {
    let name = name.trim();
    name == "all" || name == meta.id || meta.aliases.iter().any(|a| a.eq_ignore_ascii_case(name))
}

pub(crate) fn is_suppressed(ws: &Workspace, at: NodeRef, span: Span, meta: &RuleMeta) -> bool {
    let doc = ws.doc(at.doc);
    if !doc.has_suppressions {
        return false;
    }
    let tree = &doc.tree;
    let mut cur = Some(at.node);
    while let Some(id) = cur {
        if let Some(list) = tree.get(id, "x-apiward-ignore") {
            let listed = match tree.as_seq(list) {
                Some(items) => items
                    .iter()
                    .any(|i| tree.as_str(*i).is_some_and(|s| names_rule(s, meta))),
                None => tree.as_str(list).is_some_and(|s| names_rule(s, meta)),
            };
            if listed {
                return true;
            }
        }
        cur = tree.node(id).parent;
    }
    let line = doc.lines.position(&doc.text, span.start).line as usize;
    [line, line.saturating_sub(1)]
        .into_iter()
        .filter(|l| *l >= 1)
        .any(|l| comment_ignores(line_text(&doc.text, &doc.lines, l - 1), meta))
}

fn line_text<'a>(text: &'a str, lines: &apiward_diagnostics::LineIndex, line0: usize) -> &'a str {
    let Some(start) = lines.line_start(line0) else {
        return "";
    };
    let end = lines.line_start(line0 + 1).unwrap_or(text.len() as u32);
    &text[start as usize..end as usize]
}

fn comment_ignores(line: &str, meta: &RuleMeta) -> bool {
    let Some(i) = line.find("apiward: ignore[") else {
        return false;
    };
    if !line[..i].trim_end().ends_with('#') {
        return false;
    }
    let rest = &line[i + "apiward: ignore[".len()..];
    let Some(close) = rest.find(']') else {
        return false;
    };
    rest[..close].split(',').any(|n| names_rule(n, meta))
}
