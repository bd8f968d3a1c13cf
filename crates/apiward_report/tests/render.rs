//! Every format on a hand-made set of diagnostics: findings of each severity, an input
//! problem, a file whose text is not at hand, a line with non-ASCII text before the span, a
//! related location and a problem with no file at all.

use std::path::PathBuf;
use std::sync::Arc;

use apiward_diagnostics::{Diagnostic, LineIndex, Related, Severity, SourceMap, Span};
use apiward_report::{render, Format, HumanOptions, Report, RuleDoc, Summary};
use serde_json::Value;

const SPEC: &str = r#"openapi: 3.0.3
info:
  title: Café commandes
  version: "1"
servers:
  - url: http://api.example.com
paths:
  /orders:
    get:
      summary: List orders
      parameters:
        - {name: café, in: query, schema: {type: string}}
      responses:
        "200": {description: ok}
"#;

const BROKEN: &str = "a: [1,\n";

fn at(text: &str, needle: &str) -> apiward_diagnostics::Range {
    let start = text.find(needle).expect("needle in text") as u32;
    LineIndex::new(text).range(text, Span::new(start, start + needle.len() as u32))
}

fn diag(rule: &str, owasp: Option<&str>, severity: Severity, file: &str) -> Diagnostic {
    let p = apiward_diagnostics::Position {
        line: 1,
        column: 1,
        offset: 0,
    };
    Diagnostic {
        rule: rule.into(),
        owasp: owasp.map(Into::into),
        severity,
        message: String::new(),
        file: file.into(),
        range: apiward_diagnostics::Range { start: p, end: p },
        pointer: None,
        help: None,
        label: None,
        related: Vec::new(),
        input_error: owasp.is_none(),
    }
}

const AUTH_FIX: &str =
    "Declare a security scheme under `components.securitySchemes` and require it, \
either for the whole document with a top-level `security`, or on the operation. If the operation \
is public on purpose, say so with `x-apiward-ignore: [missing-auth]` on the operation.";

fn rule_doc(
    id: &str,
    title: &str,
    owasp: &str,
    cwe: &str,
    severity: Severity,
    fix: &str,
) -> RuleDoc {
    let rationale = format!("Why `{id}` matters,\nover two lines.");
    RuleDoc {
        id: id.into(),
        title: title.into(),
        owasp: owasp.into(),
        cwe: vec![cwe.into()],
        severity,
        help_markdown: format!("# {id}: {title}\n\n## Why\n\n{rationale}\n\n## Fix\n\n{fix}\n"),
        help_text: format!("{rationale}\n\n{fix}"),
    }
}

fn fixture() -> (Vec<Diagnostic>, SourceMap, Vec<RuleDoc>) {
    let spec = "api/openapi.yaml";
    let mut sources = SourceMap::new();
    sources.insert(spec, Arc::new(SPEC.to_owned()));
    sources.insert("bad dir/broken.yaml", Arc::new(BROKEN.to_owned()));

    let mut auth = diag("missing-auth", Some("API2:2023"), Severity::Error, spec);
    auth.message = "`GET /orders` has no security requirement: anyone can call it".into();
    auth.range = at(SPEC, "get");
    auth.pointer = Some("/paths/~1orders/get".into());
    auth.help = Some(AUTH_FIX.into());

    let mut http = diag(
        "http-only-server",
        Some("API8:2023"),
        Severity::Warning,
        spec,
    );
    http.message = "server `http://api.example.com` uses plain HTTP, 100% unencrypted".into();
    http.range = at(SPEC, "http://api.example.com");
    http.pointer = Some("/servers/0/url".into());
    http.help = Some("Serve the API over HTTPS only.".into());
    http.related.push(Related {
        message: "`GET /orders` is served there".into(),
        file: spec.into(),
        range: auth.range,
        pointer: Some("/paths/~1orders/get".into()),
    });

    let mut string = diag("unbounded-string", Some("API4:2023"), Severity::Info, spec);
    string.message = "string accepted in requests has no `maxLength`".into();
    string.range = at(SPEC, "type: string");
    string.pointer = Some("/paths/~1orders/get/parameters/0/schema".into());
    string.label = Some("no `maxLength`".into());

    // A parse error at the very end of the file: an empty range on the last, empty line.
    let mut parse = diag("parse-error", None, Severity::Error, "bad dir/broken.yaml");
    parse.message = "invalid YAML: unclosed flow sequence".into();
    let end = BROKEN.len() as u32;
    parse.range = LineIndex::new(BROKEN).range(BROKEN, Span::new(end, end));

    // A Rust finding whose file is not in the source map.
    let mut handler = diag(
        "missing-auth",
        Some("API2:2023"),
        Severity::Error,
        "src/orders.rs",
    );
    handler.message = "handler `delete_order` is routed without an authentication extractor".into();
    handler.range = apiward_diagnostics::Range {
        start: apiward_diagnostics::Position {
            line: 12,
            column: 5,
            offset: 301,
        },
        end: apiward_diagnostics::Position {
            line: 12,
            column: 17,
            offset: 313,
        },
    };
    handler.help = Some("Add an `AuthUser` extractor to `delete_order`.".into());

    // A problem with the command line: no file.
    let mut usage = diag("usage-error", None, Severity::Error, "");
    usage.message = "unknown rule `no-such-rule` in `--select`".into();

    let rules = vec![
        rule_doc(
            "http-only-server",
            "API served over plain HTTP",
            "API8:2023",
            "CWE-319",
            Severity::Error,
            "Serve the API over HTTPS only and list only `https://` server URLs.",
        ),
        rule_doc(
            "missing-auth",
            "Operation without authentication",
            "API2:2023",
            "CWE-306",
            Severity::Error,
            AUTH_FIX,
        ),
        rule_doc(
            "unbounded-string",
            "Request string without a maximum length",
            "API4:2023",
            "CWE-770",
            Severity::Warning,
            "Add a `maxLength` that fits the field.",
        ),
    ];
    let mut diags = vec![handler, usage, string, auth, parse, http];
    apiward_diagnostics::sort_and_dedup(&mut diags);
    (diags, sources, rules)
}

const SUMMARY: Summary = Summary {
    specs: 1,
    fragments: 1,
    rust_files: 1,
    nothing_checked: false,
};

fn rendered_with(format: Format, human: HumanOptions) -> String {
    let (diags, sources, rules) = fixture();
    let diags: Vec<&Diagnostic> = diags.iter().collect();
    let report = Report {
        diagnostics: &diags,
        sources: &sources,
        rules: &rules,
        summary: SUMMARY,
        tool_version: "0.1.0",
        fingerprints: &[],
    };
    render(&report, format, &human)
}

fn rendered(format: Format) -> String {
    rendered_with(format, HumanOptions::default())
}

#[test]
fn human() {
    let out = rendered(Format::Human);
    assert!(!out.contains('\u{1b}'), "no color asked for");
    insta::assert_snapshot!(out);
}

#[test]
fn human_wraps_prose_but_not_words() {
    let out = rendered_with(
        Format::Human,
        HumanOptions {
            color: false,
            width: 60,
        },
    );
    for line in out.lines() {
        // Messages, their continuation lines, help and related lines; not code frames.
        let prose = ["  × ", "  │ ", "  help: ", "        ", "  related: "]
            .iter()
            .any(|p| line.starts_with(p));
        if prose {
            assert!(line.chars().count() <= 60, "too wide: {line:?}");
        }
    }
    assert!(out.contains("`x-apiward-ignore:"), "{out}");
    assert!(out.contains("[missing-auth]`"), "{out}");
}

#[test]
fn human_in_color() {
    let out = rendered_with(
        Format::Human,
        HumanOptions {
            color: true,
            width: 100,
        },
    );
    assert!(out.contains('\u{1b}'));
    assert!(out.contains("missing-auth"));
}

fn report_of<'a>(diags: &'a [&'a Diagnostic], sources: &'a SourceMap) -> Report<'a> {
    Report {
        diagnostics: diags,
        sources,
        rules: &[],
        summary: Summary {
            specs: 1,
            fragments: 0,
            rust_files: 0,
            nothing_checked: false,
        },
        tool_version: "0.1.0",
        fingerprints: &[],
    }
}

#[test]
fn human_without_findings() {
    let sources = SourceMap::new();
    let out = render(
        &report_of(&[], &sources),
        Format::Human,
        &HumanOptions::default(),
    );
    assert_eq!(out, "No problems found in 1 file.\n");
}

#[test]
fn ranges_that_do_not_fit_the_text_lose_their_frame_only() {
    let text = "a:\tb\r\nc: é\r\n";
    let mut sources = SourceMap::new();
    sources.insert("x.yaml", Arc::new(text.to_owned()));
    let mut good = diag("r", Some("API1:2023"), Severity::Warning, "x.yaml");
    good.message = "fits".into();
    good.range = at(text, "b");
    let mut crlf = good.clone();
    crlf.message = "second line".into();
    crlf.range = at(text, "é");
    let mut past = good.clone();
    past.message = "past the end".into();
    past.range.end.offset = 999;
    let mut mid = good.clone();
    mid.message = "inside a character".into();
    mid.range = at(text, "é");
    mid.range.end.offset -= 1;
    let mut huge = good.clone();
    huge.message = "offsets beyond u32 sense".into();
    huge.range.start.offset = u32::MAX;
    huge.range.end.offset = u32::MAX;
    let diags = [good, crlf, past, mid, huge];
    let diags: Vec<&Diagnostic> = diags.iter().collect();
    let report = report_of(&diags, &sources);
    for format in Format::ALL {
        let out = render(&report, format, &HumanOptions::default());
        assert!(out.contains("inside a character"), "{format}: {out}");
    }
    let human = render(&report, Format::Human, &HumanOptions::default());
    assert_eq!(human.matches("╭─[x.yaml:").count(), 2, "{human}");
    assert!(human.contains("╭─[x.yaml:1:4]"), "{human}");
    assert!(human.contains("╭─[x.yaml:2:4]"), "{human}");
    assert_eq!(human.matches("  at x.yaml:1:4\n").count(), 2, "{human}");
    assert_eq!(human.matches("  at x.yaml:2:4\n").count(), 1, "{human}");
    assert!(!human.contains('\r'), "{human:?}");
}

#[test]
fn json() {
    let out = rendered(Format::Json);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["version"], 1);
    assert_eq!(v["tool"]["name"], "apiward");
    assert_eq!(v["summary"]["total"], 6);
    assert_eq!(v["summary"]["errors"], 4);
    let diags = v["diagnostics"].as_array().unwrap();
    assert_eq!(diags.len(), 6);
    assert!(diags.iter().any(|d| d["owasp"].is_null()));
    assert!(out.ends_with("}\n"));
    insta::assert_snapshot!(out);
}

fn sarif() -> Value {
    serde_json::from_str(&rendered(Format::Sarif)).unwrap()
}

#[test]
fn sarif_is_consistent() {
    let v = sarif();
    let run = &v["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let results = run["results"].as_array().unwrap();
    // Every diagnostic with a file is a result; the one without is a notification.
    assert_eq!(results.len(), 5);
    let notes = run["invocations"][0]["toolExecutionNotifications"]
        .as_array()
        .unwrap();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0]["associatedRule"]["id"], "usage-error");
    assert_eq!(run["invocations"][0]["executionSuccessful"], false);
    for r in results {
        let i = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[i]["id"], r["ruleId"]);
        assert!(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].is_string());
    }
    let mut prints: Vec<&str> = results
        .iter()
        .map(|r| {
            r["partialFingerprints"]["apiwardFinding/v1"]
                .as_str()
                .unwrap()
        })
        .collect();
    prints.sort_unstable();
    prints.dedup();
    assert_eq!(prints.len(), results.len());
    // Columns are characters: `type: string` comes after `é` on its line.
    let info = results.iter().find(|r| r["level"] == "note").unwrap();
    let region = &info["locations"][0]["physicalLocation"]["region"];
    let line = SPEC.lines().nth(11).unwrap();
    let col = line[..line.find("type: string").unwrap()].chars().count() + 1;
    assert_eq!(region["startColumn"], col);
    let char_offset = SPEC[..SPEC.find("type: string").unwrap()].chars().count();
    assert_eq!(region["charOffset"], char_offset);
    assert_eq!(region["charLength"], "type: string".len());
}

#[test]
fn sarif_snapshot() {
    insta::assert_snapshot!("sarif", rendered(Format::Sarif));
}

/// Writes the fixture's SARIF to the target's temporary directory. With `SARIF_MULTITOOL`
/// set to the path of the SARIF multitool (`npm install @microsoft/sarif-multitool`), also
/// validates it, GitHub's ingestion rules included, and fails on any error or warning but
/// the one about the tool's `informationUri` (apiward has no web page to name).
#[test]
fn sarif_validates() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let file = dir.join("apiward-report-sample.sarif");
    std::fs::write(&file, rendered(Format::Sarif)).unwrap();
    let Some(tool) = std::env::var_os("SARIF_MULTITOOL") else {
        eprintln!(
            "SARIF written to {}; set SARIF_MULTITOOL to validate it",
            file.display()
        );
        return;
    };
    let log = dir.join("apiward-report-sample.validation.sarif");
    let status = std::process::Command::new(tool)
        .arg("validate")
        .arg(&file)
        .args(["--rule-kind", "Sarif;Gh", "--output"])
        .arg(&log)
        .args(["--log", "ForceOverwrite"])
        .status()
        .expect("run the SARIF multitool");
    assert!(status.success(), "multitool failed: {status}");
    let log: Value = serde_json::from_str(&std::fs::read_to_string(&log).unwrap()).unwrap();
    let complaints: Vec<String> = log["runs"][0]["results"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|r| matches!(r["level"].as_str(), None | Some("error" | "warning")))
        .filter(|r| r["ruleId"] != "SARIF2005")
        .map(|r| format!("{} {}", r["ruleId"], r["message"]))
        .collect();
    assert!(complaints.is_empty(), "{complaints:#?}");
}

#[test]
fn github() {
    let out = rendered(Format::Github);
    assert_eq!(out.lines().count(), 6);
    insta::assert_snapshot!(out);
}

#[test]
fn every_format_is_deterministic() {
    for format in Format::ALL {
        assert_eq!(rendered(format), rendered(format), "{format}");
    }
}

/// Findings anywhere on lines far longer than a terminal is wide (a minified one-line
/// description): each renders with its own line:column in the header and a frame of bounded
/// width, whatever the column (miette cannot pad past 65,535).
#[test]
fn human_frames_findings_on_very_long_lines() {
    // Lines of many lengths, some with non-ASCII characters, some past u16 columns.
    let mut text = String::from("{\n");
    for (n, len) in [70_000usize, 3, 140_000, 0, 66_000].into_iter().enumerate() {
        for i in 0..len {
            text.push(match (i + n) % 97 {
                0 => 'é',
                1 => ',',
                _ => 'a',
            });
        }
        text.push('\n');
    }
    text.push_str(&"b".repeat(80_000)); // a last line without a line break
    let index = LineIndex::new(&text);
    let mut sources = SourceMap::new();
    sources.insert("min.json", Arc::new(text.clone()));
    let boundary = |mut o: usize| {
        while !text.is_char_boundary(o) {
            o += 1;
        }
        o as u32
    };
    let mut diags = Vec::new();
    let len = text.len();
    for (i, start) in (0..len).step_by(7_919).chain([len - 1, len]).enumerate() {
        let start = boundary(start);
        // Empty spans, short ones, ones across lines and ones to the end.
        let end = match i % 4 {
            0 => start,
            1 => boundary((start as usize + 5).min(len)),
            2 => boundary((start as usize + 90_000).min(len)),
            _ => len as u32,
        };
        let mut d = diag("r", Some("API1:2023"), Severity::Warning, "min.json");
        d.message = format!("finding {i}");
        d.range = index.range(&text, Span::new(start, end));
        diags.push(d);
    }
    let refs: Vec<&Diagnostic> = diags.iter().collect();
    let out = render(
        &report_of(&refs, &sources),
        Format::Human,
        &HumanOptions::default(),
    );
    for d in &diags {
        let header = format!(
            "╭─[min.json:{}:{}]",
            d.range.start.line, d.range.start.column
        );
        assert!(out.contains(&header), "{header} missing");
    }
    assert_eq!(out.matches("╭─[min.json:").count(), diags.len());
    for line in out.lines() {
        assert!(
            line.chars().count() <= 300,
            "frame line too wide: {line:.300}"
        );
    }
}
