//! The versioned JSON document (`version` 1), documented in the README.

use serde_json::json;

use crate::Report;

pub(crate) fn render(report: &Report<'_>) -> String {
    let (errors, warnings, infos) = report.counts();
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
            "errors": errors,
            "warnings": warnings,
            "infos": infos,
            "total": report.diagnostics.len(),
        },
    });
    let mut out = serde_json::to_string_pretty(&doc).expect("diagnostics serialize");
    out.push('\n');
    out
}
