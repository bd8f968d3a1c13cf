//! GitLab Code Quality: a JSON array of issues, each with `description`, `check_name`,
//! `fingerprint`, `severity` and `location` (`path` from the repository root, `lines.begin`),
//! which GitLab shows in merge requests (`artifacts: reports: codequality`).
//!
//! Severities: an input problem that fails the run (an unparsable description) is
//! `blocker`, an error `critical`, a warning `major`, an info `info`. A problem with no file
//! (a bad command line) has no place in the report and is left out: the run's exit code (2)
//! and the other formats say it. The format has no summary, so `--statistics` adds nothing.

use apiward_diagnostics::{Diagnostic, Severity};
use serde::Serialize;

use crate::sarif::Fingerprints;
use crate::Report;

#[derive(Serialize)]
struct Issue<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    description: String,
    check_name: &'a str,
    fingerprint: String,
    severity: &'static str,
    categories: [&'static str; 1],
    location: Location,
    #[serde(skip_serializing_if = "Option::is_none")]
    content: Option<Content<'a>>,
}

#[derive(Serialize)]
struct Location {
    path: String,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: u32,
    end: u32,
}

#[derive(Serialize)]
struct Content<'a> {
    body: &'a str,
}

fn severity(d: &Diagnostic) -> &'static str {
    match d.severity {
        Severity::Error if d.input_error => "blocker",
        Severity::Error => "critical",
        Severity::Warning => "major",
        Severity::Info => "info",
    }
}

fn description(d: &Diagnostic) -> String {
    let message = d.message.split_whitespace().collect::<Vec<_>>().join(" ");
    match &d.owasp {
        Some(o) => format!("{message} ({}, {o})", d.rule),
        None => format!("{message} ({})", d.rule),
    }
}

pub(crate) fn render(report: &Report<'_>) -> String {
    let mut prints = Fingerprints::default();
    let issues: Vec<Issue<'_>> = report
        .diagnostics
        .iter()
        .filter(|d| !d.file.is_empty())
        .map(|d| Issue {
            kind: "issue",
            description: description(d),
            check_name: &d.rule,
            fingerprint: prints.next(report, d),
            severity: severity(d),
            categories: ["Security"],
            location: Location {
                path: report.repo_path(&d.file).as_str().to_owned(),
                lines: Lines {
                    begin: d.range.start.line.max(1),
                    end: d.range.end.line.max(d.range.start.line).max(1),
                },
            },
            content: d.help.as_deref().map(|body| Content { body }),
        })
        .collect();
    let mut out = serde_json::to_string_pretty(&issues).expect("issues serialize");
    out.push('\n');
    out
}
