//! Diagnostics → text, in seven formats: a human report (miette code frames), one line per
//! finding (`concise`), a versioned JSON document for editors and scripts, SARIF 2.1.0 for
//! code scanning, GitHub Actions annotations, GitLab Code Quality and JUnit XML.
//!
//! Every format keeps the order it is given (the caller sorts with
//! [`apiward_diagnostics::sort_and_dedup`]) and adds nothing that varies from run to run: no
//! timestamps, no paths other than the ones the diagnostics carry (SARIF also names the
//! project root, `%SRCROOT%`), no hash-map order.

mod anchor;
mod concise;
mod github;
mod gitlab;
mod human;
mod json;
mod junit;
mod sarif;
mod stats;

pub use anchor::{Anchor, RepoPath};
pub use stats::RuleCount;

pub use sarif::{fnv1a, RankedHashes};

use std::fmt;
use std::str::FromStr;

use apiward_diagnostics::{Diagnostic, Severity, SourceMap};

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Format {
    /// Code frames for a terminal (miette), then a summary line.
    #[default]
    Human,
    /// A versioned JSON document (`"version": 1`).
    Json,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
    /// GitHub Actions workflow commands (`::error file=…::…`).
    Github,
    /// One line per finding: `file:line:col: severity[rule] message`.
    Concise,
    /// GitLab Code Quality (a JSON array of issues).
    Gitlab,
    /// JUnit XML, one test case per finding.
    Junit,
}

impl Format {
    /// Every format, in the order `--help` lists them.
    pub const ALL: [Format; 7] = [
        Format::Human,
        Format::Concise,
        Format::Json,
        Format::Sarif,
        Format::Github,
        Format::Gitlab,
        Format::Junit,
    ];

    /// The name on the command line: `human`, `concise`, `json`, `sarif`, `github`,
    /// `gitlab`, `junit`.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Human => "human",
            Format::Json => "json",
            Format::Sarif => "sarif",
            Format::Github => "github",
            Format::Concise => "concise",
            Format::Gitlab => "gitlab",
            Format::Junit => "junit",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Format {
    type Err = String;

    /// Parses a format name, ignoring ASCII case.
    fn from_str(s: &str) -> Result<Format, String> {
        Format::ALL
            .into_iter()
            .find(|f| f.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| {
                let names: Vec<&str> = Format::ALL.iter().map(|f| f.as_str()).collect();
                format!("unknown format `{s}`: expected one of {}", names.join(", "))
            })
    }
}

/// What a report says about a rule that ran (SARIF's rule descriptors).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleDoc {
    /// `missing-auth`.
    pub id: String,
    /// `Operation without authentication`.
    pub title: String,
    /// `API2:2023`.
    pub owasp: String,
    /// `CWE-306`, …
    pub cwe: Vec<String>,
    /// The level the rule reports at.
    pub severity: Severity,
    pub help_markdown: String,
    /// Plain text; its first paragraph becomes SARIF's `fullDescription`.
    pub help_text: String,
}

/// Files the run looked at.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// API descriptions.
    pub specs: usize,
    /// Files loaded because a `$ref` points into them.
    pub fragments: usize,
    pub rust_files: usize,
    /// The inputs held no API description and no Rust web service.
    pub nothing_checked: bool,
}

impl Summary {
    /// All files looked at.
    pub fn files(&self) -> usize {
        self.specs + self.fragments + self.rust_files
    }
}

/// A finding's fingerprint (SARIF `partialFingerprints`), and whether a baseline holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    /// Stable across edits elsewhere in the file (see the CLI's `baseline` module).
    pub hash: String,
    /// `None` when no baseline was given.
    pub baseline: Option<BaselineState>,
}

/// SARIF `baselineState`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BaselineState {
    New,
    /// In the baseline: shown in SARIF as suppressed, left out of the other formats.
    Unchanged,
}

/// Everything a renderer needs.
#[derive(Debug, Clone, Copy)]
pub struct Report<'a> {
    /// Diagnostics in report order (see [`apiward_diagnostics::sort_and_dedup`]).
    pub diagnostics: &'a [&'a Diagnostic],
    /// Text of the files, for code frames. A file missing here is reported without a frame.
    pub sources: &'a SourceMap,
    /// Rules that ran.
    pub rules: &'a [RuleDoc],
    pub summary: Summary,
    /// `CARGO_PKG_VERSION` of the binary.
    pub tool_version: &'a str,
    /// One per diagnostic, when the caller computed them; empty otherwise (SARIF then
    /// hashes the rule, the file and the pointer or message).
    pub fingerprints: &'a [Fingerprint],
    /// Counts by rule in the summary of every format that has one (`--statistics`); the
    /// human report always ends with them.
    pub statistics: bool,
    /// Where the run was and the project root, so that SARIF, GitHub and GitLab name files
    /// relative to the repository wherever the tool is run. `None`: paths as they are.
    pub anchor: Option<&'a Anchor>,
}

/// How many diagnostics of each severity a report holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Counts {
    pub fn total(&self) -> usize {
        self.errors + self.warnings + self.infos
    }
}

impl Report<'_> {
    /// Diagnostics by severity.
    pub fn counts(&self) -> Counts {
        let mut c = Counts::default();
        for d in self.diagnostics {
            match d.severity {
                Severity::Error => c.errors += 1,
                Severity::Warning => c.warnings += 1,
                Severity::Info => c.infos += 1,
            }
        }
        c
    }

    /// The descriptor of a rule that ran.
    pub(crate) fn rule(&self, id: &str) -> Option<&RuleDoc> {
        self.rules.iter().find(|r| r.id == id)
    }

    /// A diagnostic's file as the repository knows it (see [`Anchor`]).
    pub(crate) fn repo_path<'f>(&self, file: &'f str) -> RepoPath<'f> {
        match self.anchor {
            Some(a) => a.locate(file),
            None => RepoPath::AsGiven(file),
        }
    }
}

/// Options of the human format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HumanOptions {
    /// ANSI colors (miette's unicode theme); off gives plain text.
    pub color: bool,
    /// Columns to wrap messages and help at (code lines are never wrapped).
    pub width: usize,
}

impl Default for HumanOptions {
    fn default() -> HumanOptions {
        HumanOptions {
            color: false,
            width: 100,
        }
    }
}

/// Renders the report in `format`. `human` is used by [`Format::Human`] only.
pub fn render(report: &Report<'_>, format: Format, human: &HumanOptions) -> String {
    let mut out = Vec::new();
    render_to(report, format, human, &mut out).expect("writing to memory does not fail");
    String::from_utf8(out).expect("reports are UTF-8")
}

/// [`render`] into `out`. The human, concise, JSON and SARIF reports are written piece by
/// piece as they are made, not assembled first: on a large tree they are tens of megabytes,
/// and a terminal shows the first findings at once.
pub fn render_to(
    report: &Report<'_>,
    format: Format,
    human: &HumanOptions,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    match format {
        Format::Human => human::render_to(report, human, out),
        Format::Concise => concise::render_to(report, out),
        Format::Json => json::render_to(report, out),
        Format::Sarif => sarif::render_to(report, out),
        Format::Github => out.write_all(github::render(report).as_bytes()),
        Format::Gitlab => out.write_all(gitlab::render(report).as_bytes()),
        Format::Junit => out.write_all(junit::render(report).as_bytes()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_parse_and_print() {
        for f in Format::ALL {
            assert_eq!(f.as_str().parse::<Format>(), Ok(f));
            assert_eq!(f.to_string(), f.as_str());
        }
        assert_eq!("SARIF".parse::<Format>(), Ok(Format::Sarif));
        let err = "xml".parse::<Format>().unwrap_err();
        assert!(err.contains("`xml`") && err.contains("junit"), "{err}");
    }

    #[test]
    fn summary_counts_every_file() {
        let s = Summary {
            specs: 2,
            fragments: 3,
            rust_files: 4,
            nothing_checked: false,
        };
        assert_eq!(s.files(), 9);
    }
}
