//! The vocabulary every step of apiward shares: a [`Diagnostic`] with its [`Severity`],
//! located by a [`Range`] of 1-based line/column positions and byte offsets, and the
//! [`LineIndex`] that turns byte offsets into such positions.

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

mod line_index;
pub mod read;
mod rule;
pub use line_index::LineIndex;
pub use rule::{Rule, UnknownRule};

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A place in a file: 1-based line, 1-based column counted in characters, 0-based byte offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Position {
    pub line: u32,
    pub column: u32,
    pub offset: u32,
}

/// A half-open stretch of a file, `start` inclusive, `end` exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Range {
    pub start: Position,
    pub end: Position,
}

/// A byte span `[start, end)` in one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(start: u32, end: u32) -> Span {
        Span { start, end }
    }
    pub fn len(self) -> u32 {
        self.end.saturating_sub(self.start)
    }
    pub fn is_empty(self) -> bool {
        self.len() == 0
    }
    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

/// A second place a diagnostic points at (the spec operation of a code finding, say).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Related {
    pub message: String,
    pub file: String,
    pub range: Range,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pointer: Option<String>,
}

/// One finding, or one problem with the input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// The rule id (`missing-auth`), or the input problem (`parse-error`).
    pub rule: String,
    /// OWASP API Security Top 10 (2023) category, `API2:2023`; `None` for input problems.
    pub owasp: Option<String>,
    pub severity: Severity,
    pub message: String,
    /// Path of the file as the user named it (relative paths stay relative).
    pub file: String,
    pub range: Range,
    /// JSON pointer of the node, for findings in OpenAPI documents.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pointer: Option<String>,
    /// Shared: every finding of a rule has the same help.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<Arc<str>>,
    /// What the label under the code frame says, when it differs from the message.
    #[serde(skip)]
    pub label: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<Related>,
    /// Input problems (unreadable, unparsable) make the run exit with 2.
    #[serde(skip)]
    pub input_error: bool,
}

/// The most characters of a name a message quotes: a longer one is shown as its first
/// [`EXCERPT`] characters and `…`. The longest names of the public corpus (Twilio's paths)
/// are 128 characters: real names are quoted whole.
pub const QUOTE_LIMIT: usize = 200;
/// What is kept of a quoted name longer than [`QUOTE_LIMIT`].
pub const EXCERPT: usize = 160;
/// The most characters of a message, quotes shortened or not.
pub const MESSAGE_LIMIT: usize = 2000;

/// `message` with every quoted name (between backticks) longer than [`QUOTE_LIMIT`]
/// characters cut to its first [`EXCERPT`] and `…`, and the whole cut to
/// [`MESSAGE_LIMIT`] characters: a 3 MB path name is not repeated in full by each finding
/// (the pointer and the range still locate it exactly). A message within bounds is returned
/// as it is, without copying.
pub fn bounded(message: String) -> String {
    let long_quote = message
        .split('`')
        .skip(1)
        .step_by(2)
        .any(|q| q.len() > QUOTE_LIMIT && q.chars().nth(QUOTE_LIMIT).is_some());
    if !long_quote && message.len() <= MESSAGE_LIMIT {
        return message;
    }
    let mut out = String::with_capacity(message.len().min(MESSAGE_LIMIT + 4));
    let mut parts = message.split('`').enumerate().peekable();
    while let Some((i, part)) = parts.next() {
        if i > 0 {
            out.push('`');
        }
        // Odd parts are quoted, when a backtick closes them (an unclosed one quotes nothing).
        let quoted = i % 2 == 1 && parts.peek().is_some();
        if quoted && part.chars().nth(QUOTE_LIMIT).is_some() {
            out.extend(part.chars().take(EXCERPT));
            out.push('…');
        } else {
            out.push_str(part);
        }
        if out.len() > MESSAGE_LIMIT * 4 {
            break;
        }
    }
    if out.chars().nth(MESSAGE_LIMIT).is_some() {
        let cut = out
            .char_indices()
            .nth(MESSAGE_LIMIT)
            .map_or(out.len(), |(i, _)| i);
        out.truncate(cut);
        out.push('…');
    }
    out
}

impl Diagnostic {
    /// Bounds the message, the label and the related places' messages ([`bounded`]).
    pub fn bound_messages(&mut self) {
        self.message = bounded(std::mem::take(&mut self.message));
        if let Some(l) = self.label.take() {
            self.label = Some(bounded(l));
        }
        for r in &mut self.related {
            r.message = bounded(std::mem::take(&mut r.message));
        }
    }

    /// The order of every report: file, line, column, rule, then message.
    pub fn sort_key(&self) -> (&str, u32, u32, &str, &str) {
        (
            &self.file,
            self.range.start.line,
            self.range.start.column,
            &self.rule,
            &self.message,
        )
    }
}

/// Sorts diagnostics, or references to them (a large report's tens of thousands are
/// sorted as pointers, not moved about), into report order and drops exact duplicates.
///
/// Files are ranked once and the sort compares ranks and positions: comparing the whole
/// path of two findings of one file, as most pairs are, was most of the sort's time. Same
/// order as sorting by [`Diagnostic::sort_key`], stable.
pub fn sort_and_dedup<D: std::borrow::Borrow<Diagnostic>>(diags: &mut Vec<D>) {
    let mut files: Vec<&str> = diags.iter().map(|d| d.borrow().file.as_str()).collect();
    files.sort_unstable();
    files.dedup();
    let rank: std::collections::HashMap<&str, u32> = files
        .iter()
        .enumerate()
        .map(|(i, f)| (*f, i as u32))
        .collect();
    let mut keys: Vec<(u32, u32, u32, u32)> = diags
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let d = d.borrow();
            let start = d.range.start;
            (rank[d.file.as_str()], start.line, start.column, i as u32)
        })
        .collect();
    let rest = |i: u32| {
        let d: &Diagnostic = diags[i as usize].borrow();
        (d.rule.as_str(), d.message.as_str())
    };
    keys.sort_by(|a, b| {
        (a.0, a.1, a.2)
            .cmp(&(b.0, b.1, b.2))
            .then_with(|| rest(a.3).cmp(&rest(b.3)))
    });
    let mut slots: Vec<Option<D>> = diags.drain(..).map(Some).collect();
    diags.extend(keys.iter().filter_map(|k| slots[k.3 as usize].take()));
    diags.dedup_by(|a, b| {
        let (a, b) = (a.borrow(), b.borrow());
        a.sort_key() == b.sort_key() && a.pointer == b.pointer
    });
}

/// A file's text, shared. An `Arc<String>` rather than an `Arc<str>`: the text is read into
/// a `String`, and an `Arc<str>` of it is a copy (3 MB for a large description, 20 MB of a
/// large tree's sources, each a page fault per 4 KiB).
pub type Text = Arc<String>;

/// The text of every file a report may quote, by the path diagnostics name it with.
#[derive(Debug, Default, Clone)]
pub struct SourceMap {
    files: BTreeMap<String, Text>,
}

impl SourceMap {
    pub fn new() -> SourceMap {
        SourceMap::default()
    }
    pub fn insert(&mut self, file: impl Into<String>, text: Text) {
        self.files.insert(file.into(), text);
    }
    pub fn get(&self, file: &str) -> Option<&Text> {
        self.files.get(file)
    }
}

/// Renders a path for display: forward slashes on every platform.
pub fn display_path(path: &std::path::Path) -> String {
    let s = path.to_string_lossy();
    if std::path::MAIN_SEPARATOR == '\\' {
        s.replace('\\', "/")
    } else {
        s.into_owned()
    }
}

/// A path kept as the user wrote it, for messages.
pub type UserPath = PathBuf;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_quotes_are_cut_to_an_excerpt() {
        // Within bounds: the same string, not a copy.
        let short = format!("`POST /{}` has no security", "a".repeat(QUOTE_LIMIT - 6));
        let ptr = short.as_ptr();
        let kept = bounded(short);
        assert_eq!(kept.as_ptr(), ptr);
        // A long name, quoted twice, multibyte: each quote cut to 60 characters and `…`.
        let name = format!("/é{}", "a".repeat(300_000));
        let m = bounded(format!("`POST {name}` and `{name}` are one; `x` too"));
        let excerpt: String = format!("POST {name}").chars().take(EXCERPT).collect();
        let excerpt2: String = name.chars().take(EXCERPT).collect();
        assert_eq!(
            m,
            format!("`{excerpt}…` and `{excerpt2}…` are one; `x` too")
        );
        // An unclosed backtick quotes nothing; a long message without quotes is cut whole.
        let m = bounded(format!("`ab` then `{}", "b".repeat(QUOTE_LIMIT + 1)));
        assert_eq!(m, format!("`ab` then `{}", "b".repeat(QUOTE_LIMIT + 1)));
        let m = bounded("ü".repeat(5_000));
        assert_eq!(m.chars().count(), MESSAGE_LIMIT + 1);
        assert!(m.ends_with('…'));
    }

    /// Findings over few files, lines, rules and messages (many ties at every level), in a
    /// scrambled order: the same order and duplicates dropped as a sort by the full key.
    #[test]
    fn sorted_as_by_the_full_key() {
        let mut seed = 7u32;
        let mut next = |n: u32| {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            (seed >> 16) % n
        };
        let diags: Vec<Diagnostic> = (0..2_000)
            .map(|i| {
                let at = Position {
                    line: next(5),
                    column: next(3),
                    offset: i,
                };
                Diagnostic {
                    rule: ["b-rule", "a-rule", "c"][next(3) as usize].into(),
                    owasp: None,
                    severity: Severity::Warning,
                    message: format!("m{}", next(2)),
                    file: ["z.yaml", "a/b.rs", "a.json", "a/b.rs.bak"][next(4) as usize].into(),
                    range: Range { start: at, end: at },
                    pointer: (next(3) > 0).then(|| format!("/p{}", next(2))),
                    help: None,
                    label: None,
                    related: Vec::new(),
                    input_error: false,
                }
            })
            .collect();
        let mut want = diags.clone();
        want.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        want.dedup_by(|a, b| a.sort_key() == b.sort_key() && a.pointer == b.pointer);
        let mut got = diags.clone();
        sort_and_dedup(&mut got);
        assert_eq!(got, want);
        let mut refs: Vec<&Diagnostic> = diags.iter().collect();
        sort_and_dedup(&mut refs);
        assert!(refs.iter().copied().eq(want.iter()));
        assert!(want.len() < 2_000 && want.len() > 100, "{}", want.len());
    }
}
