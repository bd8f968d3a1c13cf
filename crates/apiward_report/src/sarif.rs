//! SARIF 2.1.0: one run, a rule descriptor for every rule that ran (with its help from
//! `rules/`), one result per diagnostic.

use apiward_diagnostics::{Diagnostic, Range, Severity};
use serde_json::{json, Value};

use crate::Report;

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// `missing-auth` → `MissingAuth`.
fn pascal(id: &str) -> String {
    id.split(['-', '_'])
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_ascii_uppercase().to_string() + c.as_str(),
                None => String::new(),
            }
        })
        .collect()
}

/// A file path as a relative URI reference: forward slashes, unsafe bytes percent-encoded.
pub(crate) fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.replace('\\', "/").bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// FNV-1a, 64 bits: a fingerprint that is the same on every run and platform.
fn fnv1a(parts: &[&str]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for b in p.bytes().chain(std::iter::once(0)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}

fn region(r: &Range) -> Value {
    json!({
        "startLine": r.start.line,
        "startColumn": r.start.column,
        "endLine": r.end.line,
        "endColumn": r.end.column,
        "byteOffset": r.start.offset,
        "byteLength": r.end.offset.saturating_sub(r.start.offset),
    })
}

fn location(file: &str, range: &Range, pointer: Option<&str>) -> Value {
    let mut loc = json!({
        "physicalLocation": {
            "artifactLocation": { "uri": uri(file) },
            "region": region(range),
        }
    });
    if let Some(p) = pointer {
        loc["logicalLocations"] = json!([{ "fullyQualifiedName": p, "kind": "object" }]);
    }
    loc
}

fn result(d: &Diagnostic, rule_index: usize) -> Value {
    let mut text = d.message.clone();
    if let Some(h) = &d.help {
        text.push_str(" (");
        text.push_str(h.trim_end_matches('.'));
        text.push(')');
    }
    let key = d.pointer.as_deref().unwrap_or(&d.message);
    let mut r = json!({
        "ruleId": d.rule,
        "ruleIndex": rule_index,
        "level": level(d.severity),
        "message": { "text": text },
        "partialFingerprints": { "apiwardFinding/v1": fnv1a(&[&d.rule, &d.file, key]) },
    });
    if !d.file.is_empty() {
        r["locations"] = json!([location(&d.file, &d.range, d.pointer.as_deref())]);
    }
    if !d.related.is_empty() {
        r["relatedLocations"] = Value::Array(
            d.related
                .iter()
                .enumerate()
                .map(|(i, rel)| {
                    let mut loc = location(&rel.file, &rel.range, rel.pointer.as_deref());
                    loc["id"] = json!(i + 1);
                    loc["message"] = json!({ "text": rel.message });
                    loc
                })
                .collect(),
        );
    }
    let mut props = serde_json::Map::new();
    if let Some(o) = &d.owasp {
        props.insert("owasp".into(), json!(o));
    }
    if let Some(p) = &d.pointer {
        props.insert("pointer".into(), json!(p));
    }
    if !props.is_empty() {
        r["properties"] = Value::Object(props);
    }
    r
}

pub(crate) fn render(report: &Report<'_>) -> String {
    // Descriptors: the rules that ran, then any other rule id a diagnostic names (input
    // problems such as `parse-error`), so that every result has a valid `ruleIndex`.
    let mut ids: Vec<String> = report.rules.iter().map(|r| r.id.clone()).collect();
    let mut descriptors: Vec<Value> = report
        .rules
        .iter()
        .map(|r| {
            let mut tags = vec![json!("security"), json!(format!("OWASP-{}", r.owasp))];
            tags.extend(r.cwe.iter().map(|c| json!(c)));
            json!({
                "id": r.id,
                "name": pascal(&r.id),
                "shortDescription": { "text": r.title },
                "fullDescription": { "text": r.help_text.split("\n\n").next().unwrap_or(&r.title).split_whitespace().collect::<Vec<_>>().join(" ") },
                "help": { "text": r.help_text, "markdown": r.help_markdown },
                "defaultConfiguration": { "level": level(r.severity) },
                "properties": {
                    "tags": tags,
                    "security-severity": match r.severity {
                        Severity::Error => "8.0",
                        Severity::Warning => "5.0",
                        Severity::Info => "2.0",
                    },
                },
            })
        })
        .collect();
    for d in report.diagnostics {
        if !ids.contains(&d.rule) {
            ids.push(d.rule.clone());
            descriptors.push(json!({
                "id": d.rule,
                "name": pascal(&d.rule),
                "shortDescription": { "text": format!("apiward could not check the input ({})", d.rule) },
                "defaultConfiguration": { "level": "error" },
            }));
        }
    }
    let results: Vec<Value> = report
        .diagnostics
        .iter()
        .map(|d| {
            let index = ids
                .iter()
                .position(|i| *i == d.rule)
                .expect("descriptor added above");
            result(d, index)
        })
        .collect();
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "apiward",
                    "version": report.tool_version,
                    "semanticVersion": report.tool_version,
                    "rules": descriptors,
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    });
    let mut out = serde_json::to_string_pretty(&doc).expect("SARIF serializes");
    out.push('\n');
    out
}
