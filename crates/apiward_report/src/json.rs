//! The versioned JSON document (`version` 1), documented in the README. Each diagnostic is
//! written as [`apiward_diagnostics::Diagnostic`] serializes: `owasp` is `null` for input
//! problems; `pointer`, `help` and `related` are left out when empty.

use serde_json::json;

use crate::Report;

pub(crate) fn render(report: &Report<'_>) -> String {
    let c = report.counts();
    let doc = json!({
        "version": 1,
        "tool": { "name": "apiward", "version": report.tool_version },
        "diagnostics": report.diagnostics,
        "summary": {
            "files": {
                "specs": report.summary.specs,
                "fragments": report.summary.fragments,
                "rust": report.summary.rust_files,
            },
            "errors": c.errors,
            "warnings": c.warnings,
            "infos": c.infos,
            "total": c.total(),
        },
    });
    let mut out = serde_json::to_string_pretty(&doc).expect("diagnostics serialize");
    out.push('\n');
    out
}
