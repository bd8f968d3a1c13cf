//! GitHub Actions workflow commands: one `::error`/`::warning`/`::notice` line per finding.

use apiward_diagnostics::Severity;

use crate::Report;

/// Escapes a property value (`file=`, `title=`).
fn property(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
        .replace(':', "%3A")
        .replace(',', "%2C")
}

/// Escapes the message.
fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

pub(crate) fn render(report: &Report<'_>) -> String {
    let mut out = String::new();
    for d in report.diagnostics {
        let level = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let title = match &d.owasp {
            Some(o) => format!("apiward {} ({o})", d.rule),
            None => format!("apiward {}", d.rule),
        };
        let mut message = d.message.clone();
        if let Some(h) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(h);
        }
        if d.file.is_empty() {
            out.push_str(&format!(
                "::{level} title={}::{}\n",
                property(&title),
                data(&message)
            ));
            continue;
        }
        out.push_str(&format!(
            "::{level} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
            property(&d.file),
            d.range.start.line,
            d.range.start.column,
            d.range.end.line,
            d.range.end.column,
            property(&title),
            data(&message),
        ));
    }
    out
}
