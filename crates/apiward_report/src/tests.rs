//! Snapshots of every format on a hand-made set of diagnostics.

use std::sync::Arc;

use apiward_diagnostics::{Diagnostic, LineIndex, Related, Severity, SourceMap, Span};

use crate::{render, Format, HumanOptions, Report, RuleDoc, Summary};

const SPEC: &str = "openapi: 3.0.3\ninfo: {title: Café, version: \"1\"}\nservers:\n  - url: http://api.example.com\npaths:\n  /orders:\n    get:\n      parameters:\n        - {name: q, in: query, schema: {type: string}}\n";

fn diag(
    rule: &str,
    owasp: Option<&str>,
    severity: Severity,
    file: &str,
    text: &str,
    needle: &str,
    message: &str,
) -> Diagnostic {
    let start = text.find(needle).expect("needle in text") as u32;
    let span = Span::new(start, start + needle.len() as u32);
    Diagnostic {
        rule: rule.into(),
        owasp: owasp.map(Into::into),
        severity,
        message: message.into(),
        file: file.into(),
        range: LineIndex::new(text).range(text, span),
        pointer: None,
        help: None,
        label: None,
        related: Vec::new(),
        input_error: owasp.is_none(),
    }
}

fn fixture() -> (Vec<Diagnostic>, SourceMap, Vec<RuleDoc>) {
    let mut sources = SourceMap::new();
    sources.insert("api/openapi.yaml", Arc::from(SPEC));
    let mut auth = diag(
        "missing-auth",
        Some("API2:2023"),
        Severity::Error,
        "api/openapi.yaml",
        SPEC,
        "get",
        "`GET /orders` has no security requirement: anyone can call it",
    );
    auth.pointer = Some("/paths/~1orders/get".into());
    auth.help = Some("Require a security scheme, 100% of the time".into());
    let mut http = diag(
        "http-only-server",
        Some("API8:2023"),
        Severity::Warning,
        "api/openapi.yaml",
        SPEC,
        "http://api.example.com",
        "server `http://api.example.com` uses plain HTTP",
    );
    http.pointer = Some("/servers/0/url".into());
    http.related.push(Related {
        message: "the operation served there".into(),
        file: "api/openapi.yaml".into(),
        range: auth.range,
        pointer: Some("/paths/~1orders/get".into()),
    });
    let mut title = diag(
        "unbounded-string",
        Some("API4:2023"),
        Severity::Info,
        "api/openapi.yaml",
        SPEC,
        "Café",
        "string, with a comma: and a colon",
    );
    title.pointer = Some("/info/title".into());
    let broken = "a: [1,\n";
    let parse = diag(
        "parse-error",
        None,
        Severity::Error,
        "bad dir/broken.yaml",
        broken,
        "[",
        "invalid YAML: unclosed flow sequence",
    );
    let orphan = diag(
        "missing-auth",
        Some("API2:2023"),
        Severity::Error,
        "gone.yaml",
        "xx get",
        "get",
        "the source of this file is not in the map",
    );
    let rules = vec![RuleDoc {
        id: "missing-auth".into(),
        title: "Operation without authentication".into(),
        owasp: "API2:2023".into(),
        cwe: vec!["CWE-306".into()],
        severity: Severity::Error,
        help_markdown: "# missing-auth\n\nRequire auth.\n".into(),
        help_text: "Anyone can call it.\n\nRequire auth.".into(),
    }];
    sources.insert("bad dir/broken.yaml", Arc::from(broken));
    let mut diags = vec![auth, http, title, parse, orphan];
    apiward_diagnostics::sort_and_dedup(&mut diags);
    (diags, sources, rules)
}

fn rendered(format: Format) -> String {
    let (diags, sources, rules) = fixture();
    let report = Report {
        diagnostics: &diags,
        sources: &sources,
        rules: &rules,
        summary: Summary {
            specs: 1,
            fragments: 1,
            rust_files: 0,
        },
        tool_version: "0.1.0",
    };
    render(
        &report,
        format,
        &HumanOptions {
            color: false,
            width: 100,
        },
    )
}

#[test]
fn human() {
    insta::assert_snapshot!(rendered(Format::Human));
}

#[test]
fn human_without_findings() {
    let sources = SourceMap::new();
    let report = Report {
        diagnostics: &[],
        sources: &sources,
        rules: &[],
        summary: Summary {
            specs: 1,
            fragments: 0,
            rust_files: 0,
        },
        tool_version: "0.1.0",
    };
    assert_eq!(
        render(
            &report,
            Format::Human,
            &HumanOptions {
                color: false,
                width: 80
            }
        ),
        "No problems found in 1 file.\n"
    );
}

#[test]
fn json() {
    let out = rendered(Format::Json);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["version"], 1);
    assert_eq!(v["summary"]["total"], 5);
    insta::assert_snapshot!(out);
}

#[test]
fn sarif() {
    let out = rendered(Format::Sarif);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let results = v["runs"][0]["results"].as_array().unwrap();
    let rules = v["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap();
    for r in results {
        let i = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[i]["id"], r["ruleId"]);
    }
    insta::assert_snapshot!(out);
}

#[test]
fn github() {
    insta::assert_snapshot!(rendered(Format::Github));
}

#[test]
fn uris_are_encoded() {
    assert_eq!(
        crate::sarif::uri("bad dir/a#b.yaml"),
        "bad%20dir/a%23b.yaml"
    );
    assert_eq!(crate::sarif::uri("../x/é.yaml"), "../x/%C3%A9.yaml");
}
