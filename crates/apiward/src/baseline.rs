//! Baselines: the findings of a run, written down (`apiward baseline`), so that later runs
//! (`check --baseline FILE`) report and fail only on new ones.
//!
//! A finding is known by a fingerprint that survives edits elsewhere in its file, never by
//! its line: the rule, the file (relative to the project root, so that a run from another
//! directory matches), and
//! - in a description, the JSON pointer of the node;
//! - in Rust, the route (method and path) of a finding about one; else the item that
//!   encloses it (`fn app`, `impl FromRequestParts for Caller::fn from_request_parts`)
//!   and its code with whitespace folded;
//! - anywhere else, the message.
//!
//! The same fingerprint twice in one run (two identical findings in one function) is told
//! apart by its rank: the second occurrence is a new finding if the baseline holds one.

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::Path;

use apiward_diagnostics::{Diagnostic, Position, SourceMap};
use serde::{Deserialize, Serialize};

/// The baseline file's name when `-o` does not say.
pub const DEFAULT_FILE: &str = "apiward-baseline.json";

/// One finding of a baseline file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Entry {
    pub file: String,
    pub rule: String,
    /// The JSON pointer, or the enclosing Rust item.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub at: String,
    /// The finding's code, whitespace folded (Rust), or its message (elsewhere).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub code: String,
    pub fingerprint: String,
    /// For the reader; not compared.
    pub message: String,
}

#[derive(Debug, Serialize, Deserialize)]
struct BaselineFile {
    version: u32,
    findings: Vec<Entry>,
}

/// Whitespace runs folded to one space, ends trimmed.
fn fold(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Computes the entries of findings, in their order. `sources` gives the text of files
/// (else it is read); `root` is the project root paths are made relative to.
pub struct Fingerprinter<'a> {
    sources: &'a SourceMap,
    root: &'a Path,
    /// Per Rust file: its items, `(start, end, name)`.
    items: HashMap<String, Vec<(Position, Position, String)>>,
    /// Per file not among `sources`: its text, read once.
    read: HashMap<String, apiward_diagnostics::Text>,
    hashes: apiward_report::RankedHashes,
}

impl<'a> Fingerprinter<'a> {
    pub fn new(sources: &'a SourceMap, root: &'a Path) -> Fingerprinter<'a> {
        Fingerprinter {
            sources,
            root,
            items: HashMap::new(),
            read: HashMap::new(),
            hashes: apiward_report::RankedHashes::default(),
        }
    }

    /// A file's text: from `sources`, else read from disk once.
    fn text(&mut self, file: &str) -> apiward_diagnostics::Text {
        if let Some(t) = self.sources.get(file) {
            return t.clone();
        }
        self.read
            .entry(file.to_owned())
            .or_insert_with(|| {
                apiward_diagnostics::read::read_text(Path::new(file))
                    .map(apiward_diagnostics::Text::from)
                    .unwrap_or_default()
            })
            .clone()
    }

    /// The entry of the next finding (findings are taken in report order).
    pub fn entry(&mut self, d: &Diagnostic) -> Entry {
        let (file, at, code) = self.parts(d);
        let fingerprint = self.hashes.next(&[&d.rule, &file, &at, &code]);
        Entry {
            file,
            rule: d.rule.clone(),
            at: at.into_owned(),
            code: code.into_owned(),
            fingerprint,
            message: d.message.clone(),
        }
    }

    /// The fingerprint of the next finding, as its [`Entry`] would hold it, without copying
    /// the pointer and the message the entry holds (a check in SARIF fingerprints every
    /// finding: a description's 3 MB path names were copied into each of its findings'
    /// entries).
    pub fn fingerprint(&mut self, d: &Diagnostic) -> String {
        let (file, at, code) = self.parts(d);
        self.hashes.next(&[&d.rule, &file, &at, &code])
    }

    /// What identifies a finding: its file relative to the root, where it is (pointer,
    /// route or enclosing Rust item) and its code (Rust) or message (elsewhere).
    fn parts<'d>(&mut self, d: &'d Diagnostic) -> (String, Cow<'d, str>, Cow<'d, str>) {
        let file = relative(&d.file, self.root);
        let (at, code) = if let Some(p) = &d.pointer {
            (Cow::Borrowed(p.as_str()), Cow::Borrowed(""))
        } else if let Some(route) = d
            .file
            .ends_with(".rs")
            .then(|| route_of(&d.message))
            .flatten()
        {
            (Cow::Borrowed(route), Cow::Borrowed(""))
        } else if d.file.ends_with(".rs") {
            let text = self.text(&d.file);
            let items = self
                .items
                .entry(d.file.clone())
                .or_insert_with(|| rust_items(&text));
            let at = items
                .iter()
                .filter(|(s, e, _)| contains(*s, *e, d.range.start))
                .min_by_key(|(s, e, _)| (e.line - s.line, u32::MAX - s.column))
                .map(|(_, _, n)| n.clone())
                .unwrap_or_default();
            (Cow::Owned(at), Cow::Owned(fold(&code_of(&text, d))))
        } else {
            (Cow::Borrowed(""), Cow::Borrowed(d.message.as_str()))
        };
        (file, at, code)
    }
}

/// The route a Rust finding is about, when its message starts with one: `` `DELETE /x` ``.
fn route_of(message: &str) -> Option<&str> {
    let quoted = message.strip_prefix('`')?.split('`').next()?;
    let (method, path) = quoted.split_once(' ')?;
    let is_method = !method.is_empty() && method.bytes().all(|b| b.is_ascii_uppercase());
    (is_method && path.starts_with('/')).then_some(quoted)
}

/// `file` relative to `root` (forward slashes) when it lies under it, else as given.
fn relative(file: &str, root: &Path) -> String {
    let place = apiward_spec::load::canonical(Path::new(file));
    match place.strip_prefix(root) {
        Ok(rel) => apiward_diagnostics::display_path(rel),
        Err(_) => file.to_owned(),
    }
}

fn contains(start: Position, end: Position, p: Position) -> bool {
    (start.line, start.column) <= (p.line, p.column) && (p.line, p.column) <= (end.line, end.column)
}

/// The text of a finding's range; its whole line when the range is empty.
fn code_of(text: &str, d: &Diagnostic) -> String {
    let (s, e) = (d.range.start.offset as usize, d.range.end.offset as usize);
    if s < e && e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e) {
        return text[s..e].to_owned();
    }
    let line = d.range.start.line as usize;
    text.lines()
        .nth(line.saturating_sub(1))
        .unwrap_or("")
        .to_owned()
}

/// The items of a Rust file that can enclose a finding: functions, impls, traits, modules,
/// constants and statics, each named by its path inside the file. A large file is parsed
/// in parts ([`apiward_source::parts`]); none when it does not parse.
fn rust_items(text: &str) -> Vec<(Position, Position, String)> {
    let (_, content) = apiward_source::strip_preamble(text);
    let mut out = Vec::new();
    if apiward_source::depth::too_deep(content).is_some() {
        return out;
    }
    for r in apiward_source::parts::cut(content) {
        let Ok(part) = apiward_source::parts::parse(content, r) else {
            out.clear();
            break;
        };
        // Where the part starts: lines before it, and characters before it on its line.
        let before = &content[..part.offset];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let at = PartStart {
            lines: before.bytes().filter(|&b| b == b'\n').count() as u32,
            column: before[line_start..].chars().count() as u32,
        };
        let mut items = Vec::new();
        collect(&part.file.items, "", &mut items);
        out.extend(items.into_iter().map(|(s, e, n)| (at.pos(s), at.pos(e), n)));
    }
    proc_macro2::extra::invalidate_current_thread_spans();
    out
}

/// Where a part of a file starts: a span's line and column in the part, made the file's.
struct PartStart {
    lines: u32,
    column: u32,
}

impl PartStart {
    fn pos(&self, lc: proc_macro2::LineColumn) -> Position {
        let first = lc.line == 1;
        Position {
            line: lc.line as u32 + self.lines,
            column: lc.column as u32 + 1 + if first { self.column } else { 0 },
            offset: 0,
        }
    }
}

fn push(
    out: &mut Vec<(proc_macro2::LineColumn, proc_macro2::LineColumn, String)>,
    span: proc_macro2::Span,
    name: String,
) {
    out.push((span.start(), span.end(), name));
}

fn type_name(t: &syn::Type) -> String {
    match t {
        syn::Type::Path(p) => p
            .path
            .segments
            .last()
            .map(|s| s.ident.to_string())
            .unwrap_or_default(),
        syn::Type::Reference(r) => type_name(&r.elem),
        _ => "_".into(),
    }
}

fn collect(
    items: &[syn::Item],
    prefix: &str,
    out: &mut Vec<(proc_macro2::LineColumn, proc_macro2::LineColumn, String)>,
) {
    use syn::spanned::Spanned;
    let join = |name: String| {
        if prefix.is_empty() {
            name
        } else {
            format!("{prefix}::{name}")
        }
    };
    for item in items {
        match item {
            syn::Item::Fn(f) => push(out, f.span(), join(format!("fn {}", f.sig.ident))),
            syn::Item::Const(c) => push(out, c.span(), join(format!("const {}", c.ident))),
            syn::Item::Static(s) => push(out, s.span(), join(format!("static {}", s.ident))),
            syn::Item::Mod(m) => {
                let name = join(format!("mod {}", m.ident));
                push(out, m.span(), name.clone());
                if let Some((_, inner)) = &m.content {
                    collect(inner, &name, out);
                }
            }
            syn::Item::Impl(i) => {
                let ty = type_name(&i.self_ty);
                let name = join(match &i.trait_ {
                    Some((_, path, _)) => {
                        let tr = path
                            .segments
                            .last()
                            .map(|s| s.ident.to_string())
                            .unwrap_or_default();
                        format!("impl {tr} for {ty}")
                    }
                    None => format!("impl {ty}"),
                });
                push(out, i.span(), name.clone());
                for it in &i.items {
                    if let syn::ImplItem::Fn(f) = it {
                        push(out, f.span(), format!("{name}::fn {}", f.sig.ident));
                    }
                }
            }
            syn::Item::Trait(t) => {
                let name = join(format!("trait {}", t.ident));
                push(out, t.span(), name.clone());
                for it in &t.items {
                    if let syn::TraitItem::Fn(f) = it {
                        push(out, f.span(), format!("{name}::fn {}", f.sig.ident));
                    }
                }
            }
            _ => {}
        }
    }
}

/// Writes the entries to `path`: sorted, one finding per entry, pretty JSON.
pub fn write(path: &Path, mut entries: Vec<Entry>) -> std::io::Result<()> {
    entries.sort();
    let doc = BaselineFile {
        version: 1,
        findings: entries,
    };
    let mut text = serde_json::to_string_pretty(&doc).expect("a baseline serializes");
    text.push('\n');
    std::fs::write(path, text)
}

/// The fingerprints of a baseline file, each with how many times it occurs.
pub fn read(path: &Path) -> Result<HashMap<String, usize>, String> {
    let shown = path.display();
    let text = apiward_diagnostics::read::read_text(path)
        .map_err(|e| format!("cannot read the baseline `{shown}`: {e}"))?;
    let doc: BaselineFile = serde_json::from_str(&text).map_err(|e| {
        format!(
            "`{shown}` is not an apiward baseline (line {}, column {}): {e}",
            e.line(),
            e.column()
        )
    })?;
    if doc.version != 1 {
        return Err(format!(
            "`{shown}` is a baseline of version {}; this apiward reads version 1",
            doc.version
        ));
    }
    let mut known = HashMap::new();
    for e in doc.findings {
        *known.entry(e.fingerprint).or_insert(0) += 1;
    }
    Ok(known)
}

#[cfg(test)]
mod tests {
    use super::*;
    use apiward_diagnostics::{Range, Severity};

    fn finding(file: &str, line: u32, column: u32, offset: u32, len: u32) -> Diagnostic {
        let p = |column: u32, offset: u32| Position {
            line,
            column,
            offset,
        };
        Diagnostic {
            rule: apiward_diagnostics::Rule::HardcodedSecret.into(),
            owasp: None,
            severity: Severity::Warning,
            message: format!("secret at line {line}"),
            file: file.into(),
            range: Range {
                start: p(column, offset),
                end: p(column + len, offset + len),
            },
            pointer: None,
            help: None,
            label: None,
            related: Vec::new(),
            input_error: false,
        }
    }

    /// Lines inserted above a finding change its line, not its fingerprint; the enclosing
    /// item and the code are what it is known by.
    #[test]
    fn rust_fingerprints_survive_lines_moving() {
        let before =
            "mod auth {\n    pub fn key() -> &'static str {\n        \"sk_live_1\"\n    }\n}\n";
        let after = format!("// a comment\n\n{before}");
        let at = |text: &str, line: u32| {
            let offset = text.find("\"sk_live_1\"").unwrap() as u32;
            let mut sources = SourceMap::new();
            sources.insert("src/lib.rs", text.to_owned().into());
            let root = Path::new("/nowhere");
            let mut f = Fingerprinter::new(&sources, root);
            f.entry(&finding("src/lib.rs", line, 9, offset, 11))
        };
        let (a, b) = (at(before, 3), at(&after, 5));
        assert_eq!(a.at, "mod auth::fn key");
        assert_eq!(a.code, "\"sk_live_1\"");
        assert_eq!(a.fingerprint, b.fingerprint);
        assert_ne!(a.message, b.message, "the message is not compared");
        // The same finding twice: the second has its own fingerprint.
        let mut sources = SourceMap::new();
        sources.insert("src/lib.rs", before.to_owned().into());
        let mut f = Fingerprinter::new(&sources, Path::new("/nowhere"));
        let offset = before.find("\"sk").unwrap() as u32;
        let one = f.entry(&finding("src/lib.rs", 3, 9, offset, 11));
        let two = f.entry(&finding("src/lib.rs", 3, 9, offset, 11));
        assert_ne!(one.fingerprint, two.fingerprint);
    }

    /// A check's fingerprints (no entries made) are its baseline's, repeats ranked alike:
    /// Rust items, routes, pointers and messages.
    #[test]
    fn fingerprints_are_the_entries() {
        let text =
            "mod auth {\n    pub fn key() -> &'static str {\n        \"sk_live_1\"\n    }\n}\n";
        let offset = text.find("\"sk").unwrap() as u32;
        let mut sources = SourceMap::new();
        sources.insert("src/lib.rs", text.to_owned().into());
        let item = finding("src/lib.rs", 3, 9, offset, 11);
        let mut route = item.clone();
        route.message = "`DELETE /x/{id}` changes state".into();
        let mut pointer = finding("api/openapi.yaml", 1, 1, 0, 1);
        pointer.pointer = Some("/paths/~1x".into());
        let message = finding("api/openapi.yaml", 1, 1, 0, 1);
        let all = [&item, &route, &pointer, &message, &item, &pointer, &message];
        let root = Path::new("/nowhere");
        let (mut a, mut b) = (
            Fingerprinter::new(&sources, root),
            Fingerprinter::new(&sources, root),
        );
        let entries: Vec<String> = all.iter().map(|d| a.entry(d).fingerprint).collect();
        let prints: Vec<String> = all.iter().map(|d| b.fingerprint(d)).collect();
        assert_eq!(entries, prints);
        assert_ne!(prints[0], prints[4]);
    }

    #[test]
    fn routes_of_messages() {
        assert_eq!(
            route_of("`DELETE /x/{id}` changes state"),
            Some("DELETE /x/{id}")
        );
        assert_eq!(route_of("`key` is hard-coded"), None);
        assert_eq!(route_of("no route"), None);
    }
}
