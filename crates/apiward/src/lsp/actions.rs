//! Hover (a finding's rule docs, as `apiward explain` prints them) and code actions: suppress
//! a finding where it is, and fix a plain-HTTP server URL.

use std::path::Path;

use apiward_diagnostics::Diagnostic;
use apiward_rules::{Rule, Target};
use apiward_spec::tree::{unescape_pointer, Value as Node};
use serde_json::{json, Value};

use super::text::{line_char, Located};

/// The docs of the rules of the findings under `position`.
pub fn hover(here: &Located<'_>, found: &[&Diagnostic], position: &Value) -> Value {
    let text = here.text;
    let (line0, character) = line_char(position);
    let offset = here.offset(line0, character);
    let start = here.lines.line_start(line0).unwrap_or(0) as usize;
    let at = (
        line0 as u32 + 1,
        text[start..offset].chars().count() as u32 + 1,
    );
    let mut rules: Vec<&str> = found
        .iter()
        .filter(|d| {
            (d.range.start.line, d.range.start.column) <= at
                && at <= (d.range.end.line, d.range.end.column)
        })
        .map(|d| d.rule.as_str())
        .collect();
    rules.dedup();
    let docs: Vec<String> = rules
        .iter()
        .filter_map(|r| apiward_rules::lookup(r))
        .map(apiward_rules::RuleMeta::markdown)
        .collect();
    if docs.is_empty() {
        return Value::Null;
    }
    json!({ "contents": { "kind": "markdown", "value": docs.join("\n---\n\n") } })
}

/// The code actions for the apiward diagnostics of the request's context.
pub fn code_actions(uri: &str, path: &Path, here: &Located<'_>, params: &Value) -> Value {
    let mut actions = Vec::new();
    let empty = Vec::new();
    let diagnostics = params["context"]["diagnostics"]
        .as_array()
        .unwrap_or(&empty);
    for d in diagnostics {
        if d["source"] != "apiward" {
            continue;
        }
        let Some(rule) = d["code"].as_str() else {
            continue;
        };
        let (line0, _) = line_char(&d["range"]["start"]);
        let action = |title: String, edit: Value, preferred: bool| {
            json!({
                "title": title,
                "kind": "quickfix",
                "diagnostics": [d],
                "isPreferred": preferred,
                "edit": { "changes": { uri: [edit] } },
            })
        };
        if rule == Rule::HttpOnlyServer && !is_rust(path) {
            if let Some(edit) = https_fix(here, &d["range"]) {
                actions.push(action("Use HTTPS for this server".into(), edit, true));
            }
        }
        let suppress = if !suppressible(rule, is_rust(path)) {
            None
        } else if is_rust(path) {
            Some(comment_above(here, line0, "//", rule, " -- reason"))
        } else if is_json(path) {
            d["data"]["pointer"]
                .as_str()
                .and_then(|p| json_ignore(here, p, rule))
        } else {
            Some(comment_above(here, line0, "#", rule, ""))
        };
        if let Some(edit) = suppress {
            actions.push(action(format!("Suppress `{rule}` here"), edit, false));
        }
    }
    Value::Array(actions)
}

/// Whether a comment or `x-apiward-ignore` where the finding is can silence it: the rules
/// on descriptions in descriptions, those on code in Rust; not the cross rules (their
/// findings are silenced with `[cross] ignore-paths` in apiward.toml) nor input problems.
fn suppressible(rule: &str, rust: bool) -> bool {
    let target = if rust { Target::Rust } else { Target::Spec };
    apiward_rules::lookup(rule).is_some_and(|m| m.targets.contains(&target))
}

fn is_rust(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "rs")
}

fn is_json(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "json")
}

fn insert(here: &Located<'_>, offset: usize, text: String) -> Value {
    let at = here.position_of(offset);
    json!({ "range": { "start": at, "end": at }, "newText": text })
}

/// `{opener} apiward: ignore[rule]{tail}` on a line of its own above `line0`, indented as it.
fn comment_above(here: &Located<'_>, line0: usize, opener: &str, rule: &str, tail: &str) -> Value {
    let line = here.line(line0);
    let indent = &line[..line.len() - line.trim_start().len()];
    let at = json!({ "line": line0, "character": 0 });
    json!({
        "range": { "start": at, "end": at },
        "newText": format!("{indent}{opener} apiward: ignore[{rule}]{tail}\n"),
    })
}

/// `"x-apiward-ignore": ["rule"]` in the object at `pointer`, or the nearest one above it
/// (added to the list when the object has one).
fn json_ignore(here: &Located<'_>, pointer: &str, rule: &str) -> Option<Value> {
    let tree = apiward_spec::json::parse(here.text).ok()?;
    let tokens: Vec<String> = pointer.split('/').skip(1).map(unescape_pointer).collect();
    let mut id = tree.lookup(tokens.iter().map(String::as_str))?;
    while !matches!(tree.value(id), Node::Map(_)) {
        id = tree.node(id).parent()?;
    }
    let entries = tree.as_map(id)?;
    let name = format!("\"{rule}\"");
    if let Some(list) = tree.get(id, "x-apiward-ignore") {
        let span = tree.span(list);
        let items = tree.as_seq(list)?;
        // Before the closing `]`.
        let sep = if items.is_empty() { "" } else { ", " };
        return Some(insert(here, span.end as usize - 1, format!("{sep}{name}")));
    }
    let open = tree.span(id).start as usize + 1;
    let entry = format!("\"x-apiward-ignore\": [{name}]");
    let Some(first) = entries.first() else {
        return Some(insert(here, open, entry));
    };
    let key = first.key_span.start as usize;
    let key_line = here.lines.line_of(key as u32);
    if key_line == here.lines.line_of(open as u32) {
        return Some(insert(here, open, format!(" {entry},")));
    }
    let line = here.line(key_line);
    let indent = &line[..line.len() - line.trim_start().len()];
    Some(insert(here, open, format!("\n{indent}{entry},")))
}

/// `http://` → `https://` (`ws://` → `wss://`) in the server URL a finding covers, or
/// `http` → `https` where it covers a scheme alone (Swagger 2.0's `schemes: [http]`).
fn https_fix(here: &Located<'_>, range: &Value) -> Option<Value> {
    let (l0, c0) = line_char(&range["start"]);
    let (l1, c1) = line_char(&range["end"]);
    let (start, end) = (here.offset(l0, c0), here.offset(l1, c1));
    let covered = here.text.get(start..end)?.to_ascii_lowercase();
    let word = covered.trim_matches(['"', '\'']);
    let (at, scheme) = match word {
        "http" | "ws" => (covered.find(word)?, word),
        _ => ["http://", "ws://"]
            .iter()
            .filter_map(|s| Some((covered.find(s)?, s.trim_end_matches("://"))))
            .min()?,
    };
    let at = start + at;
    let len = scheme.len();
    let secure = if scheme == "http" { "https" } else { "wss" };
    Some(json!({
        "range": { "start": here.position_of(at), "end": here.position_of(at + len) },
        "newText": secure,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(text: &str, edit: &Value) -> String {
        let here = Located::new(text);
        let (l0, c0) = line_char(&edit["range"]["start"]);
        let (l1, c1) = line_char(&edit["range"]["end"]);
        let (s, e) = (here.offset(l0, c0), here.offset(l1, c1));
        format!(
            "{}{}{}",
            &text[..s],
            edit["newText"].as_str().unwrap(),
            &text[e..]
        )
    }

    #[test]
    fn json_suppressions_go_into_the_nearest_object() {
        let text = "{\n  \"servers\": [\n    {\n      \"url\": \"http://x.io\"\n    }\n  ]\n}\n";
        let here = Located::new(text);
        let edit = json_ignore(&here, "/servers/0/url", Rule::HttpOnlyServer.as_str()).unwrap();
        let out = apply(text, &edit);
        assert!(
            out.contains("{\n      \"x-apiward-ignore\": [\"http-only-server\"],\n      \"url\""),
            "{out}"
        );
        let here = Located::new(&out);
        let edit = json_ignore(&here, "/servers/0", "all").unwrap();
        let again = apply(&out, &edit);
        assert!(again.contains("[\"http-only-server\", \"all\"]"), "{again}");
        let compact = "{\"a\": {}}";
        let edit = json_ignore(&Located::new(compact), "/a", "r").unwrap();
        let expected = "{\"a\": {\"x-apiward-ignore\": [\"r\"]}}";
        assert_eq!(apply(compact, &edit), expected);
    }

    #[test]
    fn https_replaces_the_scheme_only() {
        let text = "servers:\n  - url: \"HTTP://api.😀.io/v1\"\n";
        let here = Located::new(text);
        let range = json!({
            "start": here.position_of(text.find('"').unwrap()),
            "end": here.position_of(text.rfind('"').unwrap() + 1),
        });
        let edit = https_fix(&here, &range).unwrap();
        assert_eq!(
            apply(text, &edit),
            "servers:\n  - url: \"https://api.😀.io/v1\"\n"
        );
    }

    #[test]
    fn a_scheme_alone_becomes_https() {
        for (text, fixed) in [
            ("schemes:\n  - http\n", "schemes:\n  - https\n"),
            ("schemes: [\"HTTP\", ws]\n", "schemes: [\"https\", ws]\n"),
        ] {
            let here = Located::new(text);
            let at = text.to_ascii_lowercase().find("http").unwrap();
            let quoted = usize::from(text.as_bytes()[at - 1] == b'"');
            let range = json!({
                "start": here.position_of(at - quoted),
                "end": here.position_of(at + 4 + quoted),
            });
            let edit = https_fix(&here, &range).unwrap();
            assert_eq!(apply(text, &edit), fixed);
        }
        // Anything else covered is no scheme to change.
        let text = "host: api.example.com\n";
        let here = Located::new(text);
        let range = json!({ "start": here.position_of(6), "end": here.position_of(21) });
        assert!(https_fix(&here, &range).is_none());
    }

    #[test]
    fn comments_take_the_line_s_indentation() {
        let text = "paths:\n    /a:\n      get: {}\n";
        let edit = comment_above(&Located::new(text), 2, "#", Rule::MissingAuth.as_str(), "");
        assert_eq!(
            apply(text, &edit),
            "paths:\n    /a:\n      # apiward: ignore[missing-auth]\n      get: {}\n"
        );
    }
}
