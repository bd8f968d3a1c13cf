//! JUnit XML, the test report CI systems read (GitLab `artifacts: reports: junit`, Jenkins,
//! Azure Pipelines): a test suite per file, a test case per finding, failed. An input
//! problem (a file that cannot be read or parsed) is an `<error>`, every other finding a
//! `<failure>` whose `type` is its severity. A run without findings is one passing case, so
//! that the report says the check ran. With `--statistics` the counts by rule are
//! `<properties>` of the first suite.

use std::fmt::Write;

use apiward_diagnostics::Diagnostic;

use crate::Report;

/// Text for an XML attribute or element: the five special characters escaped, and the
/// characters XML 1.0 cannot hold (controls but tab and line breaks) replaced by U+FFFD.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || matches!(c, '\u{FFFE}' | '\u{FFFF}') => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// A suite: a file (as the repository names it), or `apiward` for problems with no file.
struct Suite<'a> {
    name: String,
    cases: Vec<&'a Diagnostic>,
}

fn suites<'a>(report: &'a Report<'a>) -> Vec<Suite<'a>> {
    let mut out: Vec<Suite<'a>> = Vec::new();
    for d in report.diagnostics {
        let name = if d.file.is_empty() {
            "apiward".to_owned()
        } else {
            report.repo_path(&d.file).as_str().to_owned()
        };
        // Diagnostics come sorted by file: a file's findings are together.
        match out.last_mut() {
            Some(s) if s.name == name => s.cases.push(d),
            _ => match out.iter_mut().find(|s| s.name == name) {
                Some(s) => s.cases.push(d),
                None => out.push(Suite {
                    name,
                    cases: vec![d],
                }),
            },
        }
    }
    out
}

fn case(out: &mut String, suite: &str, d: &Diagnostic) {
    let place = if d.file.is_empty() {
        String::new()
    } else {
        format!(" at {}:{}", d.range.start.line, d.range.start.column)
    };
    let _ = write!(
        out,
        "    <testcase name=\"{}\" classname=\"{}\"",
        escape(&format!("{}{place}", d.rule)),
        escape(suite)
    );
    if !d.file.is_empty() {
        let _ = write!(
            out,
            " file=\"{}\" line=\"{}\"",
            escape(suite),
            d.range.start.line
        );
    }
    out.push_str(">\n");
    let element = if d.input_error { "error" } else { "failure" };
    let mut body = String::new();
    if !d.file.is_empty() {
        let _ = writeln!(
            body,
            "{}:{}:{}",
            suite, d.range.start.line, d.range.start.column
        );
    }
    let _ = writeln!(body, "{}[{}] {}", d.severity, d.rule, d.message);
    if let Some(o) = &d.owasp {
        let _ = writeln!(body, "OWASP: {o}");
    }
    if let Some(h) = &d.help {
        let _ = writeln!(body, "help: {h}");
    }
    let _ = writeln!(
        out,
        "      <{element} type=\"{}\" message=\"{}\">{}</{element}>",
        d.severity,
        escape(&d.message),
        escape(body.trim_end())
    );
    out.push_str("    </testcase>\n");
}

pub(crate) fn render(report: &Report<'_>) -> String {
    let suites = suites(report);
    let errors = report.diagnostics.iter().filter(|d| d.input_error).count();
    let failures = report.diagnostics.len() - errors;
    let tests = report.diagnostics.len().max(1);
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<testsuites name=\"apiward\" tests=\"{tests}\" failures=\"{failures}\" errors=\"{errors}\">"
    );
    let statistics = |out: &mut String| {
        if !report.statistics {
            return;
        }
        out.push_str("    <properties>\n");
        for r in report.by_rule() {
            let _ = writeln!(
                out,
                "      <property name=\"{}\" value=\"{}\"/>",
                escape(r.rule),
                r.count
            );
        }
        out.push_str("    </properties>\n");
    };
    if suites.is_empty() {
        out.push_str("  <testsuite name=\"apiward\" tests=\"1\" failures=\"0\" errors=\"0\">\n");
        statistics(&mut out);
        let _ = writeln!(
            out,
            "    <testcase name=\"apiward check\" classname=\"apiward\"/>"
        );
        out.push_str("  </testsuite>\n");
    }
    for (i, s) in suites.iter().enumerate() {
        let errors = s.cases.iter().filter(|d| d.input_error).count();
        let _ = writeln!(
            out,
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{errors}\">",
            escape(&s.name),
            s.cases.len(),
            s.cases.len() - errors
        );
        if i == 0 {
            statistics(&mut out);
        }
        for d in &s.cases {
            case(&mut out, &s.name, d);
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_keeps_xml_well_formed() {
        assert_eq!(
            escape("a<b & \"c\" 'd'>"),
            "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;"
        );
        assert_eq!(
            escape("tab\tnul\u{0}bell\u{7}"),
            "tab\tnul\u{FFFD}bell\u{FFFD}"
        );
        assert_eq!(escape("é ✓"), "é ✓");
    }
}
