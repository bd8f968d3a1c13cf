//! The human report: a miette code frame per diagnostic, then a summary line.

use std::fmt;
use std::sync::Arc;

use apiward_diagnostics::{Diagnostic, Severity};
use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceSpan};

use crate::{HumanOptions, Report};

/// One diagnostic as miette sees it.
struct Frame<'a> {
    d: &'a Diagnostic,
    code: String,
    label: String,
    source: Option<NamedSource<Arc<str>>>,
}

impl fmt::Debug for Frame<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.d.message)
    }
}

impl fmt::Display for Frame<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.d.message)
    }
}

impl std::error::Error for Frame<'_> {}

impl miette::Diagnostic for Frame<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(&self.code))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.d.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.d
            .help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source.as_ref().map(|s| s as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.source.as_ref()?;
        let start = self.d.range.start.offset as usize;
        let len = (self.d.range.end.offset as usize).saturating_sub(start);
        let span = SourceSpan::new(start.into(), len);
        Some(Box::new(std::iter::once(
            LabeledSpan::new_primary_with_span(Some(self.label.clone()), span),
        )))
    }
}

/// `Operation without authentication` → `operation without authentication`, keeping
/// acronyms (`HTTP`) as they are.
fn lowercase_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

pub(crate) fn render(report: &Report<'_>, opts: &HumanOptions) -> String {
    let theme = if opts.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(opts.width)
        .with_links(false)
        .with_context_lines(1);
    let mut out = String::new();
    for d in report.diagnostics {
        let source = report
            .sources
            .get(&d.file)
            .filter(|text| (d.range.end.offset as usize) <= text.len() && !d.file.is_empty())
            .map(|text| NamedSource::new(d.file.clone(), Arc::clone(text)).with_language("yaml"));
        let code = match &d.owasp {
            Some(o) => format!("{}[{}] {o}", d.severity, d.rule),
            None => format!("{}[{}]", d.severity, d.rule),
        };
        let label = d.label.clone().unwrap_or_else(|| {
            report
                .rules
                .iter()
                .find(|r| r.id == d.rule)
                .map_or_else(|| "here".to_owned(), |r| lowercase_first(&r.title))
        });
        let has_source = source.is_some();
        let frame = Frame {
            d,
            code,
            label,
            source,
        };
        let mut text = String::new();
        if handler.render_report(&mut text, &frame).is_err() {
            text = format!("{}: {}\n", frame.code, d.message);
        }
        out.push_str(&text);
        if !has_source && !d.file.is_empty() {
            out.push_str(&format!(
                "  at {}:{}:{}\n",
                d.file, d.range.start.line, d.range.start.column
            ));
        }
        for r in &d.related {
            out.push_str(&format!(
                "  related: {}:{}:{}: {}\n",
                r.file, r.range.start.line, r.range.start.column, r.message
            ));
        }
        out.push('\n');
    }
    let (errors, warnings, infos) = report.counts();
    let files = report.summary.files();
    let files_word = if files == 1 { "file" } else { "files" };
    if report.diagnostics.is_empty() {
        out.push_str(&format!("No problems found in {files} {files_word}.\n"));
    } else {
        let total = report.diagnostics.len();
        out.push_str(&format!(
            "Found {total} {} ({errors} {}, {warnings} {}, {infos} info) in {files} {files_word}.\n",
            if total == 1 { "problem" } else { "problems" },
            if errors == 1 { "error" } else { "errors" },
            if warnings == 1 { "warning" } else { "warnings" },
        ));
    }
    out
}
