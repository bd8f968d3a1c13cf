//! Every format on a hand-made set of diagnostics: findings of each severity, an input
//! problem, a file whose text is not at hand, a line with non-ASCII text before the span, a
//! related location and a problem with no file at all.

use std::path::PathBuf;
use std::sync::Arc;

use apiward_diagnostics::{Diagnostic, LineIndex, Related, Severity, SourceMap, Span};
use apiward_report::{render, Anchor, Format, HumanOptions, Report, RuleDoc, Summary};
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

/// A report of `diags` over the fixture's files and rules.
fn fixture_report<'a>(
    diags: &'a [&'a Diagnostic],
    sources: &'a SourceMap,
    rules: &'a [RuleDoc],
    statistics: bool,
    anchor: Option<&'a Anchor>,
) -> Report<'a> {
    Report {
        diagnostics: diags,
        sources,
        rules,
        summary: SUMMARY,
        tool_version: "0.1.0",
        fingerprints: &[],
        statistics,
        anchor,
    }
}

fn rendered_with(format: Format, human: HumanOptions) -> String {
    let (diags, sources, rules) = fixture();
    let diags: Vec<&Diagnostic> = diags.iter().collect();
    let report = fixture_report(&diags, &sources, &rules, false, None);
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
        statistics: false,
        anchor: None,
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
    // As the paths are given, and from the repository root with `%SRCROOT%`.
    let root = anchor();
    let logs = [
        ("apiward-report-sample", rendered(Format::Sarif)),
        (
            "apiward-report-anchored",
            rendered_full(Format::Sarif, true, Some(&root)),
        ),
    ];
    for (name, sarif) in logs {
        let file = dir.join(format!("{name}.sarif"));
        std::fs::write(&file, sarif).unwrap();
        let Some(tool) = std::env::var_os("SARIF_MULTITOOL") else {
            eprintln!(
                "SARIF written to {}; set SARIF_MULTITOOL to validate it",
                file.display()
            );
            continue;
        };
        let log = dir.join(format!("{name}.validation.sarif"));
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
        assert!(complaints.is_empty(), "{name}: {complaints:#?}");
    }
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

fn rendered_full(format: Format, statistics: bool, anchor: Option<&Anchor>) -> String {
    let (diags, sources, rules) = fixture();
    let diags: Vec<&Diagnostic> = diags.iter().collect();
    let report = fixture_report(&diags, &sources, &rules, statistics, anchor);
    render(&report, format, &HumanOptions::default())
}

/// The run was in `/repo/services`, the repository is `/repo`.
fn anchor() -> Anchor {
    Anchor::new("/repo/services".into(), "/repo".into())
}

#[test]
fn human_prints_each_rule_help_once_and_counts_by_rule() {
    let (mut diags, sources, rules) = fixture();
    // Twenty more findings of one rule with the same help.
    let auth = diags
        .iter()
        .find(|d| d.rule == "missing-auth")
        .unwrap()
        .clone();
    for i in 0..20 {
        let mut d = auth.clone();
        d.message = format!("finding {i}");
        diags.push(d);
    }
    let refs: Vec<&Diagnostic> = diags.iter().collect();
    let report = fixture_report(&refs, &sources, &rules, false, None);
    let out = render(&report, Format::Human, &HumanOptions::default());
    assert_eq!(out.matches("Declare a security scheme").count(), 1, "{out}");
    // A different help of the same rule is printed too.
    assert_eq!(out.matches("Add an `AuthUser` extractor").count(), 1);
    let table = out.split("COUNT").nth(1).expect("a table of counts");
    assert!(table.contains("22  missing-auth"), "{table}");
    assert!(table.contains("error"), "{table}");
    assert!(out.ends_with("Found 26 problems (24 errors, 1 warning, 1 info) in 3 files.\n"));
}

#[test]
fn concise() {
    let out = rendered(Format::Concise);
    let lines: Vec<&str> = out.lines().collect();
    // One line per finding, then the summary.
    assert_eq!(lines.len(), 7, "{out}");
    for l in &lines[..6] {
        let (place, rest) = l.split_once(": ").unwrap();
        assert!(place == "apiward" || place.split(':').count() >= 3, "{l}");
        assert!(
            rest.starts_with("error[") || rest.starts_with("warning[") || rest.starts_with("info[")
        );
    }
    assert!(out.contains("api/openapi.yaml:9:5: error[missing-auth] `GET /orders` has no"));
    insta::assert_snapshot!(out);
}

#[test]
fn statistics_in_every_summary() {
    let concise = rendered_full(Format::Concise, true, None);
    assert!(concise.contains("COUNT  RULE"), "{concise}");
    assert!(
        concise.contains("    2  missing-auth      API2:2023  error"),
        "{concise}"
    );
    let json: Value = serde_json::from_str(&rendered_full(Format::Json, true, None)).unwrap();
    let by_rule = json["summary"]["by_rule"].as_array().unwrap();
    assert_eq!(by_rule[0]["rule"], "missing-auth");
    assert_eq!(by_rule[0]["count"], 2);
    assert_eq!(by_rule[0]["errors"], 2);
    let total: u64 = by_rule.iter().map(|r| r["count"].as_u64().unwrap()).sum();
    assert_eq!(total, 6);
    // Without the flag, no field.
    let plain: Value = serde_json::from_str(&rendered(Format::Json)).unwrap();
    assert!(plain["summary"].get("by_rule").is_none());
    let sarif: Value = serde_json::from_str(&rendered_full(Format::Sarif, true, None)).unwrap();
    assert_eq!(
        sarif["runs"][0]["properties"]["statistics"]
            .as_array()
            .unwrap()
            .len(),
        5
    );
    let github = rendered_full(Format::Github, true, None);
    assert!(github.ends_with(
        "::notice title=apiward statistics::6 problems (4 errors, 1 warning, 1 info): 2 missing-auth, 1 http-only-server, 1 parse-error, 1 unbounded-string, 1 usage-error\n"
    ), "{github}");
    let junit = rendered_full(Format::Junit, true, None);
    assert!(
        junit.contains("<property name=\"missing-auth\" value=\"2\"/>"),
        "{junit}"
    );
}

#[test]
fn ci_formats_name_files_from_the_repository_root() {
    let a = anchor();
    let sarif: Value =
        serde_json::from_str(&rendered_full(Format::Sarif, false, Some(&a))).unwrap();
    let run = &sarif["runs"][0];
    assert_eq!(
        run["originalUriBaseIds"]["%SRCROOT%"]["uri"],
        "file:///repo/"
    );
    let locations: Vec<&Value> = run["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| &r["locations"][0]["physicalLocation"]["artifactLocation"])
        .collect();
    assert!(locations.iter().all(|l| l["uriBaseId"] == "%SRCROOT%"));
    let uris: Vec<&str> = locations
        .iter()
        .map(|l| l["uri"].as_str().unwrap())
        .collect();
    assert!(uris.contains(&"services/api/openapi.yaml"), "{uris:?}");
    assert!(uris.contains(&"services/bad%20dir/broken.yaml"), "{uris:?}");
    let github = rendered_full(Format::Github, false, Some(&a));
    assert!(
        github.contains("file=services/api/openapi.yaml,line=9"),
        "{github}"
    );
    let gitlab: Value =
        serde_json::from_str(&rendered_full(Format::Gitlab, false, Some(&a))).unwrap();
    assert_eq!(gitlab[0]["location"]["path"], "services/api/openapi.yaml");
    // The fingerprint does not depend on where the tool ran.
    let from_root = Anchor::new("/repo".into(), "/repo".into());
    let (diags, sources, rules) = fixture();
    let moved: Vec<Diagnostic> = diags
        .iter()
        .cloned()
        .map(|mut d| {
            if !d.file.is_empty() {
                d.file = format!("services/{}", d.file);
            }
            d
        })
        .collect();
    let refs: Vec<&Diagnostic> = moved.iter().collect();
    let report = fixture_report(&refs, &sources, &rules, false, Some(&from_root));
    let again: Value =
        serde_json::from_str(&render(&report, Format::Gitlab, &HumanOptions::default())).unwrap();
    assert_eq!(again, gitlab);
    drop(diags);
}

/// GitLab's Code Quality report format: an array of issues, each with a `description`,
/// `check_name`, `fingerprint` (strings), a `severity` among `info`, `minor`, `major`,
/// `critical`, `blocker`, and a `location` with a `path` (string) and either `lines.begin`
/// (integer) or `positions.begin.line`. Fingerprints are unique. Optional fields have their
/// documented types.
fn assert_gitlab_code_quality(v: &Value) {
    let issues = v.as_array().expect("a JSON array");
    let mut prints = std::collections::HashSet::new();
    for (i, issue) in issues.iter().enumerate() {
        let o = issue
            .as_object()
            .unwrap_or_else(|| panic!("issue {i} is an object"));
        for key in ["description", "check_name", "fingerprint", "severity"] {
            assert!(
                o.get(key).is_some_and(Value::is_string),
                "issue {i}: `{key}` string"
            );
        }
        assert!(
            ["info", "minor", "major", "critical", "blocker"]
                .contains(&o["severity"].as_str().unwrap()),
            "issue {i}: severity"
        );
        assert!(
            prints.insert(o["fingerprint"].as_str().unwrap().to_owned()),
            "issue {i}: unique fingerprint"
        );
        let loc = o
            .get("location")
            .and_then(Value::as_object)
            .expect("location");
        let path = loc
            .get("path")
            .and_then(Value::as_str)
            .expect("location.path");
        assert!(
            !path.is_empty() && !path.starts_with('/'),
            "issue {i}: relative path {path}"
        );
        let begin = loc
            .get("lines")
            .and_then(|l| l.get("begin"))
            .or_else(|| loc.get("positions").and_then(|p| p["begin"].get("line")))
            .expect("lines.begin");
        assert!(
            begin.as_u64().is_some_and(|n| n >= 1),
            "issue {i}: begin line"
        );
        if let Some(t) = o.get("type") {
            assert_eq!(t, "issue");
        }
        if let Some(c) = o.get("categories") {
            assert!(c.as_array().unwrap().iter().all(Value::is_string));
        }
        if let Some(c) = o.get("content") {
            assert!(c["body"].is_string());
        }
    }
}

#[test]
fn gitlab_code_quality() {
    let out = rendered_full(Format::Gitlab, false, Some(&anchor()));
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_gitlab_code_quality(&v);
    // Every diagnostic with a file; the command-line problem has no place.
    assert_eq!(v.as_array().unwrap().len(), 5);
    let severities: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["severity"].as_str().unwrap())
        .collect();
    assert!(severities.contains(&"blocker") && severities.contains(&"critical"));
    assert!(severities.contains(&"major") && severities.contains(&"info"));
    insta::assert_snapshot!(out);
    // Empty: an empty array.
    let sources = SourceMap::new();
    let empty = render(
        &report_of(&[], &sources),
        Format::Gitlab,
        &HumanOptions::default(),
    );
    assert_eq!(empty.trim(), "[]");
}

/// Well-formed XML (an XML parser reads it), `testsuites` > `testsuite` > `testcase` with at
/// most one `failure` or `error`, and every count attribute equal to what it counts.
fn assert_junit(xml: &str) -> (usize, usize, usize) {
    let doc = roxmltree::Document::parse(xml).expect("well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    let attr = |n: roxmltree::Node, a: &str| -> usize {
        n.attribute(a)
            .unwrap_or_else(|| panic!("`{a}` on {}", n.tag_name().name()))
            .parse()
            .unwrap()
    };
    let (mut tests, mut failures, mut errors) = (0, 0, 0);
    for suite in root.children().filter(roxmltree::Node::is_element) {
        assert_eq!(suite.tag_name().name(), "testsuite");
        assert!(suite.attribute("name").is_some());
        let (mut t, mut f, mut e) = (0, 0, 0);
        for case in suite.children().filter(roxmltree::Node::is_element) {
            match case.tag_name().name() {
                "properties" => continue,
                "testcase" => {}
                other => panic!("unexpected <{other}> in a testsuite"),
            }
            assert!(case.attribute("name").is_some() && case.attribute("classname").is_some());
            t += 1;
            let outcomes: Vec<_> = case
                .children()
                .filter(roxmltree::Node::is_element)
                .collect();
            assert!(outcomes.len() <= 1);
            if let Some(o) = outcomes.first() {
                assert!(o.attribute("message").is_some() && o.attribute("type").is_some());
                match o.tag_name().name() {
                    "failure" => f += 1,
                    "error" => e += 1,
                    other => panic!("unexpected <{other}> in a testcase"),
                }
            }
        }
        assert_eq!(
            (
                attr(suite, "tests"),
                attr(suite, "failures"),
                attr(suite, "errors")
            ),
            (t, f, e)
        );
        tests += t;
        failures += f;
        errors += e;
    }
    assert_eq!(
        (
            attr(root, "tests"),
            attr(root, "failures"),
            attr(root, "errors")
        ),
        (tests, failures, errors)
    );
    (tests, failures, errors)
}

#[test]
fn junit() {
    let out = rendered_full(Format::Junit, false, Some(&anchor()));
    // Six findings: the parse error and the command-line problem are errors.
    assert_eq!(assert_junit(&out), (6, 4, 2));
    insta::assert_snapshot!(out);
    let sources = SourceMap::new();
    let clean = render(
        &report_of(&[], &sources),
        Format::Junit,
        &HumanOptions::default(),
    );
    assert_eq!(assert_junit(&clean), (1, 0, 0));
    // Characters XML cannot hold do not break the document.
    let mut d = diag("r", Some("API1:2023"), Severity::Warning, "a&b<c>.yaml");
    d.message = "bell \u{7} and \"quotes\" & ]]> end".into();
    let refs = [&d];
    let odd = render(
        &report_of(&refs, &sources),
        Format::Junit,
        &HumanOptions::default(),
    );
    assert_eq!(assert_junit(&odd), (1, 1, 0));
}
