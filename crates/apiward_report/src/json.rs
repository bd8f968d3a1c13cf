//! The versioned JSON document (`version` 1), documented in the README. Each diagnostic is
//! written as [`apiward_diagnostics::Diagnostic`] serializes: `owasp` is `null` for input
//! problems; `pointer`, `help` and `related` are left out when empty.
//!
//! Written straight from typed structs (no intermediate `serde_json::Value`): reports of
//! large APIs hold thousands of findings.

use apiward_diagnostics::Diagnostic;
use serde::Serialize;

use crate::Report;

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    tool: Tool<'a>,
    diagnostics: &'a [Diagnostic],
    summary: SummaryOut,
}

#[derive(Serialize)]
struct Tool<'a> {
    name: &'static str,
    version: &'a str,
}

#[derive(Serialize)]
struct SummaryOut {
    files: Files,
    errors: usize,
    warnings: usize,
    infos: usize,
    total: usize,
}

#[derive(Serialize)]
struct Files {
    specs: usize,
    fragments: usize,
    rust: usize,
}

pub(crate) fn render(report: &Report<'_>) -> String {
    let c = report.counts();
    let doc = Document {
        version: 1,
        tool: Tool {
            name: "apiward",
            version: report.tool_version,
        },
        diagnostics: report.diagnostics,
        summary: SummaryOut {
            files: Files {
                specs: report.summary.specs,
                fragments: report.summary.fragments,
                rust: report.summary.rust_files,
            },
            errors: c.errors,
            warnings: c.warnings,
            infos: c.infos,
            total: c.total(),
        },
    };
    // Sized up front (a finding takes about 700 bytes pretty-printed): growing a report of
    // thousands of findings by doubling touched twice its size in fresh pages.
    let mut out = Vec::with_capacity(1024 + 720 * report.diagnostics.len());
    serde_json::to_writer_pretty(&mut out, &doc).expect("diagnostics serialize");
    out.push(b'\n');
    String::from_utf8(out).expect("serde_json writes UTF-8")
}
