//! GitHub Actions workflow commands: one `::error`/`::warning`/`::notice` line per
//! diagnostic, which the runner turns into annotations on the pull request. Files are named
//! from the repository root (the runner's workspace), wherever apiward was run. With
//! `--statistics`, a last `::notice` gives the counts by rule.

use apiward_diagnostics::Severity;

use crate::Report;

/// Escapes a property value (`file=`, `title=`).
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

/// Escapes the message.
fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn command(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

pub(crate) fn render(report: &Report<'_>) -> String {
    let mut out = String::new();
    for d in report.diagnostics {
        let title = match &d.owasp {
            Some(o) => format!("apiward {} ({o})", d.rule),
            None => format!("apiward {}", d.rule),
        };
        let mut message = d.message.clone();
        if let Some(h) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(h);
        }
        out.push_str("::");
        out.push_str(command(d.severity));
        // A problem with no file (a bad command line) is an annotation on the run.
        if d.file.is_empty() {
            out.push(' ');
        } else {
            let (start, end) = (d.range.start, d.range.end);
            out.push_str(&format!(
                " file={},line={},col={},endLine={},endColumn={},",
                property(report.repo_path(&d.file).as_str()),
                start.line,
                start.column,
                end.line,
                end.column,
            ));
        }
        out.push_str(&format!("title={}::{}\n", property(&title), data(&message)));
    }
    if report.statistics {
        let counts: Vec<String> = report
            .by_rule()
            .iter()
            .map(|r| format!("{} {}", r.count, r.rule))
            .collect();
        out.push_str(&format!(
            "::notice title=apiward statistics::{}{}{}\n",
            crate::human::problems(report.counts()),
            if counts.is_empty() { "" } else { ": " },
            data(&counts.join(", "))
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_follows_the_runner() {
        assert_eq!(data("100%\r\nok: a, b"), "100%25%0D%0Aok: a, b");
        assert_eq!(property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }
}
