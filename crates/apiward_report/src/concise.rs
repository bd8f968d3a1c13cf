//! One line per finding, `file:line:col: severity[rule] message`, the form editors and
//! `grep` read; then the summary line (with `--statistics`, the counts by rule before it).

use std::io::{self, Write};

use crate::Report;

/// A message on one line: line breaks and runs of spaces become one space.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub(crate) fn render_to(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    let mut line = String::new();
    for d in report.diagnostics {
        line.clear();
        if d.file.is_empty() {
            line.push_str("apiward");
        } else {
            line.push_str(&format!(
                "{}:{}:{}",
                d.file, d.range.start.line, d.range.start.column
            ));
        }
        line.push_str(&format!(
            ": {}[{}] {}\n",
            d.severity,
            d.rule,
            one_line(&d.message)
        ));
        out.write_all(line.as_bytes())?;
    }
    if report.statistics {
        if !report.diagnostics.is_empty() {
            out.write_all(b"\n")?;
        }
        out.write_all(report.statistics_table().as_bytes())?;
    }
    out.write_all(crate::human::summary_line(report).as_bytes())
}
