//! Diagnostics → text, in four formats: a human report (miette code frames), a versioned
//! JSON document for editors and scripts, SARIF 2.1.0 for code scanning, and GitHub Actions
//! annotations.
//!
//! Every format keeps the order it is given (the caller sorts with
//! [`apiward_diagnostics::sort_and_dedup`]) and adds nothing that varies from run to run: no
//! timestamps, no paths other than the ones the diagnostics carry, no hash-map order.

mod github;
mod human;
mod json;
mod sarif;

pub use sarif::fnv1a;

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
}

impl Format {
    /// Every format, in the order `--help` lists them.
    pub const ALL: [Format; 4] = [Format::Human, Format::Json, Format::Sarif, Format::Github];

    /// The name on the command line: `human`, `json`, `sarif`, `github`.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Human => "human",
            Format::Json => "json",
            Format::Sarif => "sarif",
            Format::Github => "github",
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
            .ok_or_else(|| format!("unknown format `{s}`: expected human, json, sarif or github"))
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
    match format {
        Format::Human => human::render(report, human),
        Format::Json => json::render(report),
        Format::Sarif => sarif::render(report),
        Format::Github => github::render(report),
    }
}

/// [`render`] into `out`. The JSON report is written piece by piece, not assembled first: on
/// a large tree it is tens of megabytes.
pub fn render_to(
    report: &Report<'_>,
    format: Format,
    human: &HumanOptions,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    match format {
        Format::Json => json::render_to(report, out),
        _ => out.write_all(render(report, format, human).as_bytes()),
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
        assert!(err.contains("`xml`") && err.contains("github"), "{err}");
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
