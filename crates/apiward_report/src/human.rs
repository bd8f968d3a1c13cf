//! The human report: a miette code frame per diagnostic, written as it is drawn, then a table
//! of counts by rule and a summary line. A rule's help is printed with its first finding only
//! (with a later one too when its help differs).
//!
//! Layout of one diagnostic:
//!
//! ```text
//! error[missing-auth] API2:2023
//!
//!   × `GET /orders` has no security requirement: anyone can call it
//!    ╭─[api/openapi.yaml:7:5]
//!  6 │   /orders:
//!  7 │     get:
//!    ·     ─┬─
//!    ·      ╰── operation without authentication
//!  8 │       parameters:
//!    ╰────
//!   help: Declare a security scheme …
//!   related: api/openapi.yaml:4:10: the server it is served from
//! ```
//!
//! Without the text of the file (or with a range that does not fit it) the frame is replaced
//! by an `at file:line:column` line. Messages and help are wrapped here, on spaces only, so
//! that rule ids and paths (`missing-auth`, `x-apiward-ignore`) are never split.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::io::{self, Write};

use apiward_diagnostics::{Diagnostic, LineIndex, Range, Severity};
use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, SourceSpan};

use crate::{HumanOptions, Report};

/// A span covering more lines than this is cut to its first line, so that a finding on a
/// large node (a whole operation, say) does not print the node.
const MAX_FRAME_LINES: usize = 8;

/// Narrowest width wrapping honours.
const MIN_WIDTH: usize = 40;

/// One diagnostic as miette sees it.
struct Frame<'a> {
    severity: Severity,
    code: &'a str,
    /// The message, already wrapped.
    message: &'a str,
    /// The help, already wrapped; `None` also when it is printed by hand.
    help: Option<&'a str>,
    label: &'a str,
    /// The lines of the file the frame shows and the span to label in them.
    source: Option<(Window, SourceSpan)>,
}

impl fmt::Debug for Frame<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message)
    }
}

impl fmt::Display for Frame<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message)
    }
}

impl std::error::Error for Frame<'_> {}

impl miette::Diagnostic for Frame<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(self.code))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(miette_severity(self.severity))
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.help.map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source
            .as_ref()
            .map(|(s, _)| s as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let (_, span) = self.source.as_ref()?;
        Some(Box::new(std::iter::once(
            LabeledSpan::new_primary_with_span(Some(self.label.to_owned()), *span),
        )))
    }
}

fn miette_severity(s: Severity) -> miette::Severity {
    match s {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
        Severity::Info => miette::Severity::Advice,
    }
}

/// The byte span `(start, end)` to label in `text`, or `None` when the range does not fit
/// the text (a stale or foreign range must cost the frame, never a panic). Trailing
/// whitespace is left out, and a span taller than [`MAX_FRAME_LINES`] is cut to its first
/// line. The cost does not grow with the size of the file, only with the trailing
/// whitespace of the span.
pub(crate) fn frame_span(text: &str, index: &LineIndex, range: &Range) -> Option<(usize, usize)> {
    let start = range.start.offset as usize;
    let end = range.end.offset as usize;
    if start > end
        || end > text.len()
        || !text.is_char_boundary(start)
        || !text.is_char_boundary(end)
    {
        return None;
    }
    if start == text.len() && start > 0 {
        // An empty span after the final line break sits on a line miette does not show:
        // put it at the end of the last line instead.
        let last = text.trim_end_matches(['\n', '\r']).len();
        return Some((last, last));
    }
    let mut end = start + text[start..end].trim_end().len();
    let first = index.line_of(start as u32);
    if index.line_of(end as u32) - first >= MAX_FRAME_LINES {
        let line_end = index
            .line_start(first + 1)
            .map_or(text.len(), |s| s as usize);
        end = start + text[start..line_end].trim_end().len();
    }
    Some((start, end))
}

/// Lines longer than this many bytes are shown in part: the stretch around the span.
const MAX_LINE: usize = 160;

/// Bytes shown before the span on a line shown in part.
const LEAD: usize = 40;

/// The few lines of a file a frame shows (the span's lines and one on each side), as miette
/// is given them: miette would otherwise count lines from the start of the file for every
/// frame, and print a minified description's one line whole (and panic past column 65,535).
/// Lines are joined with `\n` whatever their breaks were; long lines are cut to the same
/// stretch of columns around the span, marked with `…`.
struct Window {
    /// `file:line:column`, the frame's header.
    name: String,
    text: String,
    /// 0-based line of the file the window starts at.
    first_line: usize,
    lines: usize,
}

impl miette::SourceCode for Window {
    fn read_span<'a>(
        &'a self,
        _span: &SourceSpan,
        _before: usize,
        _after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        Ok(Box::new(miette::MietteSpanContents::new_named(
            self.name.clone(),
            self.text.as_bytes(),
            SourceSpan::new(0.into(), self.text.len()),
            self.first_line,
            0,
            self.lines,
        )))
    }
}

/// The largest char boundary of `s` at or below `i`.
fn floor_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The window of `text` around the span of `range`, and that span within the window.
fn window(
    name: String,
    text: &str,
    index: &LineIndex,
    range: &Range,
) -> Option<(Window, SourceSpan)> {
    let (start, mut end) = frame_span(text, index, range)?;
    let line_start = |l: usize| index.line_start(l).map_or(text.len(), |s| s as usize);
    // A line without its break (`\n`, `\r\n` or a lone `\r`).
    let content = |l: usize| {
        let next = line_start(l + 1);
        let line = &text[line_start(l).min(next)..next];
        let line = line.strip_suffix('\n').unwrap_or(line);
        line.strip_suffix('\r').unwrap_or(line)
    };
    let first = index.line_of(start as u32);
    let mut span_last = index.line_of(end as u32);
    // The empty line after a final line break is not shown.
    let mut lines = index.line_count();
    if lines > 1 && content(lines - 1).is_empty() {
        lines -= 1;
    }
    let context = |last: usize| first.saturating_sub(1)..=(last + 1).min(lines - 1).max(last);
    let wide = context(span_last).any(|l| content(l).len() > MAX_LINE);
    // Columns shown, in bytes from each line's start: all, or a stretch around the span.
    let (from, to) = if wide {
        let col = start - line_start(first);
        let from = col.saturating_sub(LEAD);
        (from, from + MAX_LINE)
    } else {
        (0, usize::MAX)
    };
    if wide {
        // On long lines the span is cut to what its first line shows.
        let first_content = content(first);
        let shown_end = line_start(first) + floor_boundary(first_content, to);
        end = end.min(shown_end).max(start);
        span_last = first;
    }
    let mut out = String::new();
    let mut span = SourceSpan::new(0.into(), 0);
    let range_lines = context(span_last);
    let (first_shown, last_shown) = (*range_lines.start(), *range_lines.end());
    for l in range_lines {
        let line = content(l);
        let a = floor_boundary(line, from);
        let b = floor_boundary(line, to).max(a);
        if a > 0 {
            out.push('…');
        }
        let cut_at = out.len();
        out.push_str(&line[a..b]);
        if b < line.len() {
            out.push('…');
        }
        out.push('\n');
        let base = line_start(l) + a;
        if l == first {
            let s = cut_at + start.saturating_sub(base).min(b - a);
            span = SourceSpan::new(s.into(), 0);
        }
        if l == span_last {
            let e = cut_at + end.saturating_sub(base).min(b - a);
            let s = span.offset();
            span = SourceSpan::new(s.into(), e.saturating_sub(s));
        }
    }
    let window = Window {
        name,
        text: out,
        first_line: first_shown,
        lines: last_shown - first_shown + 1,
    };
    Some((window, span))
}

/// `Operation without authentication` → `operation without authentication`; a first word
/// in capitals (`API served over HTTP`) stays as it is.
fn lowercase_first(s: &str) -> String {
    let mut chars = s.chars();
    match (chars.next(), chars.next()) {
        (Some(first), second) if !second.is_some_and(char::is_uppercase) => first
            .to_lowercase()
            .chain(s[first.len_utf8()..].chars())
            .collect(),
        _ => s.to_owned(),
    }
}

/// A label made from a message: the part before the first `: ` outside backticks, cut to
/// about 60 characters at a space.
pub(crate) fn short_label(message: &str) -> String {
    const MAX: usize = 60;
    let mut in_code = false;
    let mut head = message;
    for (i, c) in message.char_indices() {
        match c {
            '`' => in_code = !in_code,
            ':' if !in_code && message[i + 1..].starts_with(' ') => {
                head = &message[..i];
                break;
            }
            _ => {}
        }
    }
    let head = head.trim();
    if head.chars().count() <= MAX {
        return head.to_owned();
    }
    let cut = head.char_indices().nth(MAX).map_or(head.len(), |(i, _)| i);
    let at_space = head[..cut]
        .rfind(' ')
        .filter(|&i| i > MAX / 2)
        .unwrap_or(cut);
    format!("{}…", head[..at_space].trim_end())
}

/// Greedy word wrap at `width` characters, on spaces only; existing line breaks stay.
/// A word longer than the width gets a line of its own.
pub(crate) fn wrap(text: &str, width: usize) -> String {
    let width = width.max(1);
    let mut out = String::with_capacity(text.len() + 8);
    for (n, line) in text.lines().enumerate() {
        if n > 0 {
            out.push('\n');
        }
        let mut col = 0;
        for word in line.split(' ').filter(|w| !w.is_empty()) {
            let len = word.chars().count();
            if col > 0 && col + 1 + len > width {
                out.push('\n');
                col = 0;
            } else if col > 0 {
                out.push(' ');
                col += 1;
            }
            out.push_str(word);
            col += len;
        }
    }
    out
}

/// Indents every line after the first by `indent`.
fn hang(text: &str, indent: &str) -> String {
    text.replace('\n', &format!("\n{indent}"))
}

pub(crate) fn render_to(
    report: &Report<'_>,
    opts: &HumanOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let theme = if opts.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let help_style = theme.styles.help;
    let width = opts.width.max(MIN_WIDTH);
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(width)
        .with_links(false)
        .with_wrap_lines(false)
        .with_context_lines(1)
        .without_primary_span_start()
        .without_syntax_highlighting();
    let help_prefix = "  help: ";
    // Each file's lines are indexed once, when its first frame is drawn.
    let mut indexes: HashMap<&str, LineIndex> = HashMap::new();
    // A rule's help is printed with its first finding; later findings of the rule with the
    // same help say nothing more (a large API has a thousand findings of one rule).
    let mut helped: HashSet<(&str, &str)> = HashSet::new();
    let mut text = String::new();
    for d in report.diagnostics {
        text.clear();
        let source = report
            .sources
            .get(&d.file)
            .filter(|_| !d.file.is_empty())
            .and_then(|text| {
                let index = indexes
                    .entry(d.file.as_str())
                    .or_insert_with(|| LineIndex::new(text));
                // The frame's header names the diagnostic's own position: miette would
                // count columns in bytes.
                let name = format!("{}:{}:{}", d.file, d.range.start.line, d.range.start.column);
                window(name, text, index, &d.range)
            });
        let framed = source.is_some();
        let code = match &d.owasp {
            Some(o) => format!("{}[{}] {o}", d.severity, d.rule),
            None => format!("{}[{}]", d.severity, d.rule),
        };
        let label = label(report, d);
        let message = wrap(&d.message, width - 4);
        let help = d
            .help
            .as_deref()
            .filter(|h| helped.insert((d.rule.as_str(), h)))
            .map(|h| wrap(h, width - help_prefix.len()));
        // Sourceless diagnostics print their location before the help, by hand.
        let manual_help = !framed && !d.file.is_empty();
        let frame = Frame {
            severity: d.severity,
            code: &code,
            message: &message,
            help: help.as_deref().filter(|_| !manual_help),
            label: &label,
            source,
        };
        if handler.render_report(&mut text, &frame).is_err() {
            text = format!("{code}\n\n  {}\n", hang(&message, "  "));
        }
        if manual_help {
            text.push_str(&format!(
                "  at {}:{}:{}",
                d.file, d.range.start.line, d.range.start.column
            ));
            if let Some(p) = &d.pointer {
                text.push_str(&format!(" ({p})"));
            }
            text.push('\n');
            if let Some(h) = &help {
                let prefix = if opts.color {
                    help_style.style(help_prefix).to_string()
                } else {
                    help_prefix.to_owned()
                };
                text.push_str(&format!("{prefix}{}\n", hang(h, "        ")));
            }
        }
        for r in &d.related {
            let line = format!(
                "related: {}:{}:{}: {}",
                r.file, r.range.start.line, r.range.start.column, r.message
            );
            text.push_str(&format!("  {}\n", hang(&wrap(&line, width - 2), "    ")));
        }
        text.push('\n');
        out.write_all(text.as_bytes())?;
    }
    out.write_all(report.statistics_table().as_bytes())?;
    if !report.diagnostics.is_empty() {
        out.write_all(b"\n")?;
    }
    out.write_all(summary_line(report).as_bytes())
}

/// What the label under the code says: the diagnostic's own label, else the title of its
/// rule, else a short form of its message.
fn label(report: &Report<'_>, d: &Diagnostic) -> String {
    if let Some(l) = &d.label {
        return l.clone();
    }
    match report.rule(&d.rule) {
        Some(r) if !r.title.is_empty() => lowercase_first(&r.title),
        _ => short_label(&d.message),
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `6 problems (4 errors, 1 warning, 1 info)`.
pub(crate) fn problems(c: crate::Counts) -> String {
    format!(
        "{} ({}, {}, {} info)",
        plural(c.total(), "problem", "problems"),
        plural(c.errors, "error", "errors"),
        plural(c.warnings, "warning", "warnings"),
        c.infos,
    )
}

pub(crate) fn summary_line(report: &Report<'_>) -> String {
    let files = plural(report.summary.files(), "file", "files");
    let c = report.counts();
    if c.total() == 0 && report.summary.nothing_checked {
        return "Nothing checked: no API description and no Rust web service among the inputs.\n"
            .into();
    }
    if c.total() == 0 {
        return format!("No problems found in {files}.\n");
    }
    format!("Found {} in {files}.\n", problems(c))
}

#[cfg(test)]
mod tests {
    use super::*;
    use apiward_diagnostics::{LineIndex, Span};

    fn range(text: &str, start: u32, end: u32) -> Range {
        LineIndex::new(text).range(text, Span::new(start, end))
    }

    #[test]
    fn wrap_breaks_on_spaces_only() {
        assert_eq!(
            wrap("say so with `x-apiward-ignore: [missing-auth]` here", 20),
            "say so with\n`x-apiward-ignore:\n[missing-auth]` here"
        );
        assert_eq!(wrap("a\nb c", 3), "a\nb c");
        assert_eq!(wrap("", 10), "");
        assert_eq!(wrap("Café crème brûlée", 10), "Café crème\nbrûlée");
    }

    #[test]
    fn labels_from_titles_keep_acronyms() {
        assert_eq!(
            lowercase_first("Operation without auth"),
            "operation without auth"
        );
        assert_eq!(
            lowercase_first("API served over HTTP"),
            "API served over HTTP"
        );
        assert_eq!(lowercase_first("É"), "é");
        assert_eq!(lowercase_first(""), "");
    }

    #[test]
    fn labels_from_messages_are_short() {
        assert_eq!(
            short_label("invalid YAML: unclosed flow sequence"),
            "invalid YAML"
        );
        // A colon inside backticks, or without a space after it, does not end the label.
        assert_eq!(
            short_label("server `http://a: b` uses plain HTTP"),
            "server `http://a: b` uses plain HTTP"
        );
        let long = "word ".repeat(30);
        let l = short_label(&long);
        assert!(l.ends_with('…') && l.chars().count() <= 61, "{l}");
    }

    fn span(text: &str, range: &Range) -> Option<(usize, usize)> {
        frame_span(text, &LineIndex::new(text), range)
    }

    #[test]
    fn frame_spans_that_do_not_fit_are_refused() {
        let text = "a: é\nb: 2\n";
        let ok = range(text, 3, 5);
        assert_eq!(span(text, &ok), Some((3, 5)));
        // Inside `é`.
        let mut mid = ok;
        mid.end.offset = 4;
        assert_eq!(span(text, &mid), None);
        let mut past = ok;
        past.end.offset = 99;
        assert_eq!(span(text, &past), None);
        let mut backwards = ok;
        backwards.start.offset = 6;
        assert_eq!(span(text, &backwards), None);
        // An empty span after the last line break moves to the end of the last line.
        let end = range(text, 11, 11);
        assert_eq!(span(text, &end), Some((10, 10)));
        let no_newline = "a: [";
        let end = range(no_newline, 4, 4);
        assert_eq!(span(no_newline, &end), Some((4, 4)));
    }

    #[test]
    fn tall_spans_are_cut_to_their_first_line() {
        let text: String = (0..20).map(|i| format!("k{i}: v\n")).collect();
        let all = range(&text, 0, text.len() as u32);
        assert_eq!(span(&text, &all), Some((0, 5)));
        let short = range(&text, 0, 12);
        assert_eq!(span(&text, &short), Some((0, 11)));
    }

    /// What miette is given for a frame is the span's lines and their neighbours, however
    /// large the file and wherever the span: drawing a frame costs the same at its end as at
    /// its start.
    #[test]
    fn windows_hold_the_span_and_its_neighbours_only() {
        let text: String = (0..50_000)
            .map(|i| format!("key{i}: value {i}\n"))
            .collect();
        let index = LineIndex::new(&text);
        for line in [0usize, 1, 17, 25_000, 49_998, 49_999] {
            let start = index.line_start(line).unwrap();
            let r = range(&text, start, start + 3);
            let (w, s) = window("f".into(), &text, &index, &r).unwrap();
            let lines: Vec<&str> = w.text.lines().collect();
            let expected: Vec<&str> = text
                .lines()
                .skip(line.saturating_sub(1))
                .take(if line == 0 { 2 } else { 3 })
                .collect();
            assert_eq!(lines, expected, "line {line}");
            assert_eq!(w.first_line, line.saturating_sub(1));
            assert_eq!(&w.text[s.offset()..s.offset() + s.len()], "key");
        }
    }

    /// Long lines are cut around the span, the same columns on every line shown, and the
    /// span keeps its text.
    #[test]
    fn long_lines_are_cut_around_the_span() {
        let long: String = (0..10_000).map(|i| format!("{:04} ", i % 10_000)).collect();
        let text = format!("{long}\r{long}\r\n{long}\n");
        let index = LineIndex::new(&text);
        let second = long.len() + 1;
        let at = second + long.find("5000 ").unwrap();
        let r = range(&text, at as u32, at as u32 + 4);
        let (w, s) = window("f".into(), &text, &index, &r).unwrap();
        assert_eq!(&w.text[s.offset()..s.offset() + s.len()], "5000");
        let lines: Vec<&str> = w.text.lines().collect();
        assert_eq!(lines.len(), 3, "{lines:?}");
        assert!(lines.iter().all(|l| l.starts_with('…') && l.ends_with('…')));
        assert!(lines
            .iter()
            .all(|l| l.contains("5000") && l.len() <= MAX_LINE + 6));
        assert_eq!(lines[0], lines[1]);
    }
}
