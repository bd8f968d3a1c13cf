//! Diagnostics → text, in four formats: a human report (miette code frames), a versioned
//! JSON document for editors and scripts, SARIF 2.1.0 for code scanning, and GitHub Actions
//! annotations. Every format keeps the order it is given (sorted by the caller) and adds
//! nothing that varies from run to run.

mod github;
mod human;
mod json;
mod sarif;

use std::str::FromStr;

use apiward_diagnostics::{Diagnostic, Severity, SourceMap};

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
    Sarif,
    Github,
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Format, String> {
        match s {
            "human" => Ok(Format::Human),
            "json" => Ok(Format::Json),
            "sarif" => Ok(Format::Sarif),
            "github" => Ok(Format::Github),
            other => Err(format!(
                "unknown format `{other}`: expected human, json, sarif or github"
            )),
        }
    }
}

/// What a report says about a rule that ran (SARIF's rule descriptors).
#[derive(Debug, Clone)]
pub struct RuleDoc {
    pub id: String,
    pub title: String,
    pub owasp: String,
    pub cwe: Vec<String>,
    pub severity: Severity,
    pub help_markdown: String,
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
}

impl Summary {
    pub fn files(&self) -> usize {
        self.specs + self.fragments + self.rust_files
    }
}

/// Everything a renderer needs.
pub struct Report<'a> {
    /// Sorted diagnostics.
    pub diagnostics: &'a [Diagnostic],
    /// Text of the files, for code frames.
    pub sources: &'a SourceMap,
    /// Rules that ran.
    pub rules: &'a [RuleDoc],
    pub summary: Summary,
    pub tool_version: &'a str,
}

impl Report<'_> {
    /// `(errors, warnings, infos)`.
    pub fn counts(&self) -> (usize, usize, usize) {
        let n = |s: Severity| self.diagnostics.iter().filter(|d| d.severity == s).count();
        (n(Severity::Error), n(Severity::Warning), n(Severity::Info))
    }
}

#[derive(Debug, Clone, Copy)]
pub struct HumanOptions {
    pub color: bool,
    pub width: usize,
}

/// Renders the report in `format`.
pub fn render(report: &Report<'_>, format: Format, human: &HumanOptions) -> String {
    match format {
        Format::Human => human::render(report, human),
        Format::Json => json::render(report),
        Format::Sarif => sarif::render(report),
        Format::Github => github::render(report),
    }
}

#[cfg(test)]
mod tests;
