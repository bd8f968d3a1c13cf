//! `leaky-error-response`: error responses whose schemas carry stack traces, exceptions,
//! SQL or debug data, or whose examples show them.

use std::collections::HashSet;

use apiward_spec::load::NodeRef;
use apiward_spec::tree::Value;

use super::shared::{properties, words};
use crate::checks::SpecRule;
use crate::{Context, Finding, Rule};

/// Words that end a name about something else: a correlation id, a link, a code.
const NOT_A_LEAK_LAST: &[&str] = &[
    "id",
    "ids",
    "identifier",
    "uuid",
    "key",
    "url",
    "uri",
    "link",
    "href",
    "code",
    "enabled",
];

/// What a property of an error schema exposes, judged by its name and its siblings'.
fn leaky_name(name: &str, siblings: &[String]) -> Option<&'static str> {
    let w = words(name);
    let last = w.last()?.as_str();
    if NOT_A_LEAK_LAST.contains(&last) {
        return None;
    }
    let has = |x: &str| w.iter().any(|v| v == x);
    if has("stack") || has("stacktrace") || has("backtrace") || has("traceback") || has("trace") {
        return Some("a stack trace");
    }
    if has("exception") || has("exceptions") {
        return Some("exception details");
    }
    if has("sql") || has("sqlstate") {
        return Some("SQL");
    }
    if has("debug") {
        return Some("debug information");
    }
    if has("internal")
        && ["message", "error", "errors", "detail", "details", "reason"].contains(&last)
    {
        return Some("internal error details");
    }
    // `file` next to `line`: a source location, not an uploaded file.
    if matches!(last, "file" | "filename" | "path") && w.len() <= 2 {
        let line = siblings.iter().any(|s| {
            let sw = words(s);
            sw.first().is_some_and(|f| f == "line" || f == "lineno")
        });
        if line {
            return Some("a source file and line");
        }
    }
    None
}

/// Whether `s` at byte `i` starts after a boundary (start, space, quote, bracket).
fn boundary_before(s: &str, i: usize) -> bool {
    i == 0
        || s[..i]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_whitespace() || "\"'`([{=:,".contains(c))
}

/// What a text shows of the server's insides, if anything.
fn leaky_text(s: &str) -> Option<&'static str> {
    if s.contains("Traceback (most recent call last)")
        || (s.contains("File \"") && s.contains("\", line "))
    {
        return Some("a Python traceback");
    }
    if s.contains("panicked at") {
        return Some("a Rust panic");
    }
    if s.contains("Exception in thread") || s.contains("(Native Method)") {
        return Some("a Java stack trace");
    }
    for (ext, what) in [
        (".java:", "a Java stack trace"),
        (".js:", "a JavaScript stack trace"),
        (".ts:", "a JavaScript stack trace"),
        (".go:", "a Go stack trace"),
        (".rb:", "a Ruby stack trace"),
        (".cs:line ", "a .NET stack trace"),
        (".php:", "a PHP stack trace"),
        (".py:", "a Python stack trace"),
    ] {
        // `at x (file.js:12:3)`, `at com.x.Y.z(Y.java:12)`, `main.go:42`.
        let mut from = 0;
        while let Some(i) = s[from..].find(ext) {
            let after = from + i + ext.len();
            let line = s[after..].starts_with(|c: char| c.is_ascii_digit());
            if line && (matches!(ext, ".go:" | ".py:") || s.contains("at ")) {
                return Some(what);
            }
            from = after;
        }
    }
    if s.contains(".php on line ") {
        return Some("a PHP error location");
    }
    if s.contains("SQLSTATE")
        || s.contains("You have an error in your SQL syntax")
        || s.contains("syntax error at or near")
    {
        return Some("a database error");
    }
    if let Some(i) = s.find("ORA-") {
        let code = &s[i + 4..];
        if code.len() >= 5 && code[..5].bytes().all(|b| b.is_ascii_digit()) {
            return Some("an Oracle error");
        }
    }
    for dir in [
        "/home/",
        "/usr/src/",
        "/usr/local/lib/",
        "/var/www/",
        "/opt/app/",
        "/srv/",
    ] {
        let mut from = 0;
        while let Some(i) = s[from..].find(dir) {
            if boundary_before(s, from + i) {
                return Some("a server file path");
            }
            from += i + dir.len();
        }
    }
    let b = s.as_bytes();
    for i in 0..b.len().saturating_sub(2) {
        if b[i].is_ascii_uppercase()
            && b[i + 1] == b':'
            && b[i + 2] == b'\\'
            && boundary_before(s, i)
        {
            return Some("a server file path");
        }
    }
    None
}

struct Walk<'a, 'c> {
    cx: &'a Context<'c>,
    schemas: HashSet<NodeRef>,
    strings: HashSet<NodeRef>,
    out: &'a mut Vec<Finding>,
}

impl Walk<'_, '_> {
    /// Reports the strings of an example value that look like internals.
    fn example(&mut self, value: NodeRef, depth: u16) {
        let ws = self.cx.ws;
        let value = ws.deref(value);
        if depth > 64 {
            return;
        }
        match ws.value(value) {
            Value::String(s) => {
                if let Some(what) = leaky_text(s) {
                    if self.strings.insert(value) {
                        let tree = ws.tree(value.doc);
                        self.out.push(Finding {
                            cap: None,
                            at: value,
                            span: tree.span(value.node),
                            message: format!("error response example shows {what}"),
                        });
                    }
                }
            }
            Value::Map(_) => {
                let children: Vec<NodeRef> = ws.entries(value).map(|(_, v)| v).collect();
                for c in children {
                    self.example(c, depth + 1);
                }
            }
            Value::Seq(_) => {
                let children: Vec<NodeRef> = ws.items(value).collect();
                for c in children {
                    self.example(c, depth + 1);
                }
            }
            _ => {}
        }
    }

    /// The `example` and `examples` of a media type, schema or response.
    fn examples_of(&mut self, holder: NodeRef) {
        let ws = self.cx.ws;
        let mut values: Vec<NodeRef> = ws.get(holder, "example").into_iter().collect();
        if let Some(ex) = ws.get(holder, "examples") {
            match ws.value(ex) {
                // 3.1 schema `examples: [..]`
                Value::Seq(_) => values.extend(ws.items(ex)),
                Value::Map(_) => {
                    for (_, e) in ws.entries(ex) {
                        // 3.x named examples hold `value`; 2.0 `examples` are by media type.
                        match ws.get(e, "value") {
                            Some(v) => values.push(v),
                            None => values.push(e),
                        }
                    }
                }
                _ => {}
            }
        }
        for v in values {
            self.example(v, 0);
        }
    }

    fn schema(&mut self, root: NodeRef) {
        let mut stack = vec![root];
        while let Some(n) = stack.pop() {
            let ws = self.cx.ws;
            let n = ws.deref(n);
            if !matches!(ws.value(n), Value::Map(_)) || !self.schemas.insert(n) {
                continue;
            }
            let props = properties(ws, n);
            let names: Vec<String> = props.iter().map(|(k, _, _)| k.clone()).collect();
            for (name, key_span, prop) in &props {
                if let Some(what) = leaky_name(name, &names) {
                    self.out.push(Finding {
                        cap: None,
                        at: *prop,
                        span: *key_span,
                        message: self.cx.message(&[("name", name), ("what", what)]),
                    });
                }
            }
            apiward_spec::model::subschemas(ws, n, |k, c| {
                if apiward_spec::model::holds(k) {
                    stack.push(c);
                }
            });
            self.examples_of(n);
        }
    }
}

fn is_error(code: &str) -> bool {
    code.starts_with('4') || code.starts_with('5') || code.eq_ignore_ascii_case("default")
}

pub(crate) struct LeakyErrorResponse;

impl SpecRule for LeakyErrorResponse {
    const RULE: Rule = Rule::LeakyErrorResponse;

    fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
        let ws = cx.ws;
        let mut walk = Walk {
            cx,
            schemas: HashSet::new(),
            strings: HashSet::new(),
            out,
        };
        let mut responses: HashSet<NodeRef> = HashSet::new();
        for op in &cx.api.operations {
            for (code, resp) in &op.responses {
                if !is_error(code) || !responses.insert(*resp) {
                    continue;
                }
                if let Some(s) = ws.get(*resp, "schema") {
                    walk.schema(s);
                }
                walk.examples_of(*resp);
                if let Some(content) = ws.get(*resp, "content") {
                    for (_, media) in ws.entries(content) {
                        if let Some(s) = ws.get(media, "schema") {
                            walk.schema(s);
                        }
                        walk.examples_of(media);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::leaky_text;
    use crate::tester::test_rule;
    use crate::Rule;

    #[test]
    fn texts() {
        for s in [
            "java.lang.NullPointerException\n\tat com.shop.Orders.get(Orders.java:42)",
            "Traceback (most recent call last):\n  File \"/app/x.py\", line 3, in <module>",
            "thread 'main' panicked at src/main.rs:2:5",
            "TypeError: x is undefined\n    at handler (/srv/app/index.js:12:7)",
            "SQLSTATE[42S22]: Column not found",
            "ORA-00942: table or view does not exist",
            "could not open /home/deploy/app/config.yml",
            "C:\\inetpub\\wwwroot\\web.config",
        ] {
            assert!(leaky_text(s).is_some(), "{s}");
        }
        for s in [
            "Invalid order id",
            "See https://example.com/home/errors",
            "at least 3 characters",
            "ORA-1",
            "file.js: not allowed",
        ] {
            assert!(leaky_text(s).is_none(), "{s}");
        }
    }

    const PASS: &[&str] = &[
        // Correlation ids, an upload error naming the file, internals only in a success
        // response.
        r#"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /uploads:
    post:
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  debug: {type: object}
        "400":
          description: bad upload
          content:
            application/json:
              schema:
                type: object
                properties:
                  message: {type: string}
                  file: {type: string}
                  trace_id: {type: string}
                  traceId: {type: string}
                  request_id: {type: string}
                  debug_id: {type: string}
              example:
                message: File too large
                file: holiday.png
"#,
    ];

    const FAIL: &[&str] = &[
        r##"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /orders:
    get:
      responses:
        "200": {description: ok}
        "500": {$ref: "#/components/responses/Error"}
    post:
      responses:
        default: {$ref: "#/components/responses/Error"}
components:
  responses:
    Error:
      description: error
      content:
        application/json:
          schema: {$ref: "#/components/schemas/Error"}
          examples:
            crash:
              value:
                message: internal error
                detail: "java.lang.IllegalStateException\n\tat com.shop.Orders.get(Orders.java:42)"
  schemas:
    Error:
      type: object
      properties:
        message: {type: string}
        stackTrace: {type: array, items: {type: string}}
        exception_class: {type: string}
        cause:
          type: object
          properties:
            file: {type: string}
            line: {type: integer}
"##,
        r#"
swagger: "2.0"
info: {title: t, version: "1"}
paths:
  /a:
    get:
      responses:
        "400":
          description: bad
          schema:
            type: object
            properties:
              sql: {type: string}
          examples:
            application/json:
              error: "SQLSTATE[23000]: Integrity constraint violation"
"#,
        // Reached through `patternProperties`, a keyword every schema walk follows.
        r#"
openapi: 3.1.0
info: {title: t, version: "1"}
paths:
  /a:
    get:
      responses:
        "500":
          description: failed
          content:
            application/json:
              schema:
                type: object
                patternProperties:
                  "^err_":
                    type: object
                    properties:
                      stack_trace: {type: string}
"#,
    ];

    #[test]
    fn leaky_error_response() {
        insta::assert_snapshot!(test_rule(Rule::LeakyErrorResponse, PASS, FAIL));
    }
}
