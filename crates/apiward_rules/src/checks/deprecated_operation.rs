//! `deprecated-operation`: operations marked `deprecated: true` that are still described
//! (and so still served): zombie endpoints to retire.

use apiward_spec::load::{NodeRef, Workspace};
use apiward_spec::model::Operation;
use apiward_spec::tree::Value;

use super::cors_not_defined::response_header;
use crate::checks::SpecRule;
use crate::{Context, Finding, Rule};

/// The first `YYYY-MM-DD` date in a text.
fn first_date(text: &str) -> Option<&str> {
    let b = text.as_bytes();
    (0..b.len().saturating_sub(9)).find_map(|i| {
        let d = &b[i..i + 10];
        let shape = d.iter().enumerate().all(|(j, c)| match j {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        });
        let alone = i == 0 || !b[i - 1].is_ascii_digit();
        (shape && alone).then(|| &text[i..i + 10])
    })
}

/// What the description says about the retirement: a sunset extension, a `Sunset`
/// response header, or a date in the description.
fn sunset(cx: &Context<'_>, op: &Operation) -> Option<String> {
    let ws: &Workspace = cx.ws;
    for key in [
        "x-sunset",
        "x-sunset-date",
        "x-removal-date",
        "x-deprecated-at",
    ] {
        if let Some(v) = ws.get(op.node, key) {
            let text = match ws.value(v) {
                Value::String(s) | Value::Number(s) => s.to_string(),
                _ => continue,
            };
            return Some(format!("`{key}` says {text}"));
        }
    }
    let header = op
        .responses
        .iter()
        .find_map(|(_, r)| response_header(cx, *r, "Sunset"));
    if let Some((_, _, h)) = header {
        let example = [
            ws.get(h, "example"),
            ws.get(h, "schema").and_then(|s| ws.get(s, "example")),
        ]
        .into_iter()
        .flatten()
        .find_map(|e: NodeRef| ws.as_str(e).map(str::to_owned));
        return Some(match example {
            Some(e) => format!("its `Sunset` header says {e}"),
            None => "it sends a `Sunset` header".to_owned(),
        });
    }
    for key in ["description", "summary"] {
        if let Some(date) = ws.get_str(op.node, key).and_then(first_date) {
            return Some(format!("its {key} mentions {date}"));
        }
    }
    None
}

pub(crate) struct DeprecatedOperation;

impl SpecRule for DeprecatedOperation {
    const RULE: Rule = Rule::DeprecatedOperation;

    fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
        let ws = cx.ws;
        for op in &cx.api.operations {
            let Some(flag) = ws.get_raw(op.node, "deprecated") else {
                continue;
            };
            if !matches!(ws.value(flag), Value::Bool(true)) {
                continue;
            }
            let name = format!("{} {}", op.method.to_ascii_uppercase(), op.path);
            let message = match sunset(cx, op) {
                Some(when) => format!("`{name}` is deprecated but still served ({when}): remove it once that date has passed"),
                None => cx.message(&[("operation", &name)]),
            };
            let tree = ws.tree(flag.doc);
            let span = tree.span(flag.node);
            out.push(Finding {
                cap: None,
                at: flag,
                span: tree.key_span(flag.node).map_or(span, |k| k.cover(span)),
                message,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::first_date;
    use crate::tester::test_rule;
    use crate::Rule;

    #[test]
    fn dates() {
        assert_eq!(first_date("Removed on 2025-06-30."), Some("2025-06-30"));
        assert_eq!(first_date("v2-10-1234"), None);
        assert_eq!(first_date("no"), None);
    }

    const PASS: &[&str] = &[r#"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /orders:
    get:
      deprecated: false
      responses: {"200": {description: ok}}
"#];

    const FAIL: &[&str] = &[r#"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /v1/orders:
    get:
      deprecated: true
      responses: {"200": {description: ok}}
    post:
      deprecated: true
      x-sunset: "2025-12-31"
      responses: {"201": {description: created}}
    put:
      deprecated: true
      description: Use PUT /v2/orders; this one goes away on 2026-01-15.
      responses: {"200": {description: ok}}
    delete:
      deprecated: true
      responses:
        "204":
          description: deleted
          headers:
            Sunset:
              schema: {type: string, example: "Wed, 31 Dec 2025 23:59:59 GMT"}
"#];

    #[test]
    fn deprecated_operation() {
        insta::assert_snapshot!(test_rule(Rule::DeprecatedOperation, PASS, FAIL));
    }
}
