//! Loading: read and parse files in parallel, follow `$ref`s into other files until every
//! referenced file is loaded, then resolve every `$ref` once. Nothing is fetched from the
//! network and nothing outside the project root is read.

use std::collections::{HashMap, HashSet};
use std::path::{Component, Path, PathBuf};

use apiward_diagnostics::read::ReadError;
use apiward_diagnostics::{display_path, Diagnostic, LineIndex, Range, Rule, Severity, Span};
use rayon::prelude::*;

use crate::tree::{unescape_pointer, Duplicate, LargeMaps, NodeId, ParseError, Tree, Value};

/// Index of a document in its [`Workspace`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DocId(pub u32);

/// A node of a document of the workspace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeRef {
    pub doc: DocId,
    pub node: NodeId,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Yaml,
}

/// Whether a document is an API description or a piece of one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocKind {
    /// Has `openapi:` or `swagger:` at its root.
    Api,
    /// Loaded because a `$ref` points into it.
    Fragment,
}

/// One parsed file.
#[derive(Debug)]
pub struct Document {
    /// The path as the user would write it (relative paths stay relative).
    pub path: String,
    pub canonical: PathBuf,
    pub text: apiward_diagnostics::Text,
    pub lines: LineIndex,
    pub tree: Tree,
    pub format: Format,
    pub kind: DocKind,
    /// Whether the text holds a suppression (`x-apiward-ignore` or `apiward: ignore[`):
    /// most documents hold none, and then no finding needs to look for one.
    pub has_suppressions: bool,
}

impl Document {
    pub fn range(&self, span: Span) -> Range {
        self.lines.range(&self.text, span)
    }
}

/// A file the run was asked to consider.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub path: PathBuf,
    /// Named on the command line: loaded even if its content does not look like a spec.
    pub explicit: bool,
}

#[derive(Debug, Clone)]
pub struct LoadOptions {
    /// Canonical project root; no file outside it is read.
    pub root: PathBuf,
    /// Files larger than this are refused.
    pub max_file_size: u64,
    /// Load templates of descriptions found by walking (ytt, placeholders) as descriptions
    /// instead of setting them aside in [`Workspace::templates`].
    pub include_templates: bool,
}

/// Every document of the run, with its `$ref`s resolved.
#[derive(Debug, Default)]
pub struct Workspace {
    pub docs: Vec<Document>,
    /// Per document, per node: the node a `$ref` holder (a mapping with a `$ref` key)
    /// refers to. Dense, so that following a reference costs an index, not a hash; empty
    /// for documents without references.
    refs: Vec<Vec<Option<NodeRef>>>,
    ref_count: usize,
    /// Problems found while loading: unreadable or unparsable files, broken `$ref`s.
    pub problems: Vec<Diagnostic>,
    /// Text of files that could not be parsed, so that reports can quote them.
    pub failed_sources: Vec<(String, apiward_diagnostics::Text)>,
    /// Templates of descriptions found by walking and set aside (display paths).
    pub templates: Vec<String>,
    /// Files named on the command line that are no API description (canonical paths); one
    /// may still be loaded as a fragment, when a description refers to it.
    pub not_api: Vec<PathBuf>,
}

/// Input problems that are not rule findings carry no OWASP category.
fn problem(
    rule: Rule,
    severity: Severity,
    file: &str,
    range: Range,
    message: String,
) -> Diagnostic {
    Diagnostic {
        rule: rule.into(),
        owasp: None,
        severity,
        message: apiward_diagnostics::bounded(message),
        file: file.into(),
        range,
        pointer: None,
        help: None,
        label: None,
        related: Vec::new(),
        input_error: true,
    }
}

fn zero_range() -> Range {
    let p = apiward_diagnostics::Position {
        line: 1,
        column: 1,
        offset: 0,
    };
    Range { start: p, end: p }
}

enum Loaded {
    /// A document, and what loading it found wrong (repeated keys).
    Doc(Document, Vec<Diagnostic>),
    /// Not an API description (found by a directory walk): skipped silently.
    Skip,
    /// A template of one (found by a directory walk): set aside, by its display path.
    Template(String),
    /// The problem, and the file's text when it was read (for a code frame).
    Failed(Diagnostic, Option<apiward_diagnostics::Text>),
}

/// Whether a file is a template of a description rather than one: a `.ytt.`, `.tmpl` or
/// `.j2` name, ytt's `#@` directives, or `{{ .. }}`/`{% .. %}` placeholders where values go.
pub fn is_template(path: &Path, bytes: &[u8]) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if name.contains(".ytt.") || name.contains(".tmpl") || name.contains(".j2") {
        return true;
    }
    bytes.split(|b| *b == b'\n').any(|l| {
        let t = l.trim_ascii_start();
        t.starts_with(b"#@") || t.starts_with(b"{{") || t.starts_with(b"{%")
    }) || memchr::memmem::find(bytes, b": {{").is_some()
}

/// Cheap byte test: could this file be an OpenAPI document? Used before parsing files found
/// by walking directories.
pub fn looks_like_api(bytes: &[u8]) -> bool {
    let finder_a = memchr::memmem::find_iter(bytes, b"openapi");
    let finder_b = memchr::memmem::find_iter(bytes, b"swagger");
    finder_a.chain(finder_b).any(|i| {
        // YAML: at the start of a line, followed by `:`. JSON: quoted key followed by `:`.
        let at_line_start =
            i == 0 || bytes[i - 1] == b'\n' || (i == 3 && bytes.starts_with(b"\xEF\xBB\xBF"));
        let quoted = i > 0 && (bytes[i - 1] == b'"' || bytes[i - 1] == b'\'');
        let mut j = i + 7;
        if quoted {
            if bytes.get(j) != Some(&bytes[i - 1]) {
                return false;
            }
            j += 1;
        } else if !at_line_start {
            return false;
        }
        while matches!(bytes.get(j), Some(b' ' | b'\t' | b'\r' | b'\n')) {
            j += 1;
        }
        bytes.get(j) == Some(&b':')
    })
}

/// Reads only the first 64 KiB of a (large) file to see whether it could be a spec.
pub fn head_looks_like_api(path: &Path) -> bool {
    apiward_diagnostics::read::read_head(path, 64 * 1024).is_ok_and(|head| looks_like_api(&head))
}

fn format_of(path: &Path, text: &str) -> Format {
    match path.extension().and_then(|e| e.to_str()) {
        Some(e) if e.eq_ignore_ascii_case("json") => Format::Json,
        Some(e) if e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml") => Format::Yaml,
        _ if text
            .trim_start_matches('\u{FEFF}')
            .trim_start()
            .starts_with('{') =>
        {
            Format::Json
        }
        _ => Format::Yaml,
    }
}

/// The document's tree and its line index.
fn parse_text(format: Format, text: &str) -> (LineIndex, Result<Tree, ParseError>) {
    match format {
        Format::Json => (LineIndex::new(text), crate::json::parse(text)),
        Format::Yaml => crate::yaml::parse_indexed(text),
    }
}

fn read_and_parse(
    path: &Path,
    display: String,
    kind: DocKind,
    explicit: bool,
    opts: &LoadOptions,
) -> Loaded {
    let fail = |msg: String| {
        Loaded::Failed(
            problem(Rule::IoError, Severity::Error, &display, zero_range(), msg),
            None,
        )
    };
    let bytes = match apiward_diagnostics::read::read_file_within(path, opts.max_file_size) {
        Ok(b) => b,
        Err(ReadError::TooLarge { size, limit }) => {
            if kind == DocKind::Api && !explicit && !head_looks_like_api(path) {
                return Loaded::Skip;
            }
            return Loaded::Failed(problem(
                Rule::FileTooLarge,
                Severity::Error,
                &display,
                zero_range(),
                format!(
                    "`{display}` is {size} bytes, over the limit of {limit} bytes; it was not linted (raise `max-file-size` in apiward.toml)",
                ),
            ), None);
        }
        // A FIFO or a device found by the walk is no description; one named or referred
        // to is reported (reading it would wait, or never end).
        Err(ReadError::NotAFile(_)) if kind == DocKind::Api && !explicit => return Loaded::Skip,
        Err(e) => return fail(format!("cannot read `{display}`: {e}")),
    };
    if kind == DocKind::Api && !explicit && !looks_like_api(&bytes) {
        return Loaded::Skip;
    }
    if kind == DocKind::Api && !explicit && !opts.include_templates && is_template(path, &bytes) {
        return Loaded::Template(display);
    }
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            // Binary or mis-encoded files that do not even look like a spec are not ours.
            if kind == DocKind::Api && !looks_like_api(e.as_bytes()) {
                return Loaded::Skip;
            }
            let off = e.utf8_error().valid_up_to() as u32;
            let prefix = String::from_utf8_lossy(&e.as_bytes()[..off as usize]).into_owned();
            let lines = LineIndex::new(&prefix);
            let pos = lines.position(&prefix, off);
            return Loaded::Failed(
                problem(
                    Rule::ParseError,
                    Severity::Error,
                    &display,
                    Range {
                        start: pos,
                        end: pos,
                    },
                    format!("`{display}` is not valid UTF-8 (invalid byte at offset {off})"),
                ),
                Some(prefix.into()),
            );
        }
    };
    // A BOM stays in the text: offsets are the file's. The JSON parser takes one BOM at the
    // start and no more; so does the YAML scanner; columns do not count it (`LineIndex`).
    let format = format_of(path, &text);
    let (lines, tree) = parse_text(format, &text);
    let mut tree = match tree {
        Ok(t) => t,
        Err(e) => {
            // A broken file that does not look like a spec (a template, another tool's
            // config) is not ours, even when named: pre-commit names every staged file.
            if kind == DocKind::Api && !looks_like_api(text.as_bytes()) {
                return Loaded::Skip;
            }
            let pos = lines.position(&text, e.offset);
            let what = if format == Format::Json {
                "JSON"
            } else {
                "YAML"
            };
            return Loaded::Failed(
                problem(
                    Rule::ParseError,
                    Severity::Error,
                    &display,
                    Range {
                        start: pos,
                        end: pos,
                    },
                    format!("invalid {what}: {}", e.message),
                ),
                Some(text.into()),
            );
        }
    };
    if kind == DocKind::Api {
        let root = tree.root.expect("parsers always set a root");
        // The version field, as a version: not a list or an object under that key (a
        // table of paths keyed `"swagger": [..]`, a tool's `openapi: {enabled: true}`).
        let version = |key: &str| {
            tree.get(root, key).is_some_and(|id| {
                !matches!(
                    tree.value(id),
                    crate::tree::Value::Seq(_)
                        | crate::tree::Value::Map(_)
                        | crate::tree::Value::Bool(_)
                )
            })
        };
        let is_api = version("openapi") || version("swagger");
        if !is_api {
            return Loaded::Skip;
        }
    }
    let duplicates = tree.dedup_keys();
    let canonical = canonical(path);
    let has_suppressions = memchr::memmem::find(text.as_bytes(), b"apiward-ignore").is_some()
        || memchr::memmem::find(text.as_bytes(), b"apiward: ignore[").is_some();
    let doc = Document {
        has_suppressions,
        path: display,
        canonical,
        text: text.into(),
        lines,
        tree,
        format,
        kind,
    };
    let problems = duplicates.iter().map(|d| duplicate_key(&doc, d)).collect();
    Loaded::Doc(doc, problems)
}

/// The `duplicate-key` warning of a key written twice: at the later key, the first one
/// related.
fn duplicate_key(doc: &Document, d: &Duplicate) -> Diagnostic {
    let mut p = problem(
        Rule::DuplicateKey,
        Severity::Warning,
        &doc.path,
        doc.range(d.again),
        format!(
            "key `{}` appears more than once in this mapping; its last value is the one used",
            d.key
        ),
    );
    p.owasp = Some("API8:2023".into());
    p.input_error = false;
    p.pointer = Some(format!(
        "{}/{}",
        doc.tree.pointer(d.map),
        crate::tree::escape_pointer(&d.key)
    ));
    p.help = Some(
        "Keep one entry per key: merge the values, or delete the one that should not be there."
            .into(),
    );
    p.related.push(apiward_diagnostics::Related {
        message: apiward_diagnostics::bounded(format!(
            "the first `{}`, whose value is ignored",
            d.key
        )),
        file: doc.path.clone(),
        range: doc.range(d.first),
        pointer: None,
    });
    p
}

/// Where a file is: its real path, or for one that does not exist (a document read from
/// standard input, placed by `--stdin-filename`) its absolute, normalised path, so that
/// its relative `$ref`s resolve from there.
pub fn canonical(path: &Path) -> PathBuf {
    path.canonicalize()
        .unwrap_or_else(|_| match std::env::current_dir() {
            Ok(cwd) if path.is_relative() => normalize(&cwd.join(path)),
            _ => normalize(path),
        })
}

/// Lexically normalises a path: drops `.`, folds `dir/..`.
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                let last = out.components().next_back();
                match last {
                    Some(Component::Normal(_)) => {
                        out.pop();
                    }
                    Some(Component::RootDir | Component::Prefix(_)) => {}
                    _ => out.push(".."),
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    if out.as_os_str().is_empty() {
        out.push(".");
    }
    out
}

/// Decodes `%XX` escapes of a URI reference.
fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_owned();
    }
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            let hex = &s[i + 1..i + 3];
            if let Ok(v) = u8::from_str_radix(hex, 16) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A `$ref` as written: where it is and what it says.
#[derive(Debug, Clone)]
struct RefSite {
    holder: NodeId,
    value: NodeId,
    target: String,
}

/// The kind of reference a `$ref` string is.
enum RefKind<'a> {
    /// `#/components/...`
    Local(&'a str),
    /// `other.yaml#/x` (fragment may be empty).
    File(&'a str, &'a str),
    Remote,
}

fn classify(target: &str) -> RefKind<'_> {
    if let Some(colon) = target.find(':') {
        let scheme = &target[..colon];
        // A scheme has two or more letters (one letter is a Windows drive).
        if scheme.len() > 1
            && !target.starts_with('#')
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
            && !scheme.contains('/')
        {
            return RefKind::Remote;
        }
    }
    match target.split_once('#') {
        Some(("", frag)) => RefKind::Local(frag),
        Some((file, frag)) => RefKind::File(file, frag),
        None => RefKind::File(target, ""),
    }
}

/// Finds the `$ref`s of a tree, skipping example values and extensions, where `$ref` is data,
/// and nodes that only an alias or a merge key reaches (they are found at their own place).
fn collect_refs(tree: &Tree) -> Vec<RefSite> {
    let mut out = Vec::new();
    'holders: for &holder in &tree.ref_holders {
        // The holder's own path up to the root, each key on it taken as written.
        let mut cur = holder;
        while let Some(parent) = tree.node(cur).parent() {
            if let Some(key) = tree.key_of(cur) {
                if key == "example" || key == "examples" || key.starts_with("x-") {
                    continue 'holders;
                }
            }
            cur = parent;
        }
        if Some(cur) != tree.root {
            continue;
        }
        for e in tree.as_map(holder).unwrap_or(&[]) {
            if &*e.key == "$ref" {
                if let Some(s) = tree.as_str(e.value) {
                    out.push(RefSite {
                        holder,
                        value: e.value,
                        target: s.to_owned(),
                    });
                }
            }
        }
    }
    out
}

impl Workspace {
    /// Loads the candidate files and everything their `$ref`s reach.
    pub fn load(candidates: &[Candidate], opts: &LoadOptions) -> Workspace {
        let mut ws = Workspace::default();
        let mut by_canonical: HashMap<PathBuf, DocId> = HashMap::new();
        // Files that failed to load: `$ref`s into them are not reported again, except those
        // into a file that could not be read, reported at each `$ref` (with why).
        let mut failed: HashMap<PathBuf, Option<String>> = HashMap::new();

        let loaded: Vec<(PathBuf, Loaded)> = candidates
            .par_iter()
            // One file per piece: sizes vary a thousandfold (see `apiward_source`).
            .with_max_len(1)
            .map(|c| {
                let display = display_path(&normalize(&c.path));
                let canon = canonical(&c.path);
                (
                    canon,
                    read_and_parse(&c.path, display, DocKind::Api, c.explicit, opts),
                )
            })
            .collect();
        for ((canon, l), c) in loaded.into_iter().zip(candidates) {
            if c.explicit && matches!(l, Loaded::Skip) {
                ws.not_api.push(canon.clone());
            }
            ws.accept(canon, l, false, &mut by_canonical, &mut failed);
        }

        // Follow references into other files, a wave at a time, until none are new.
        let mut sites: Vec<Vec<RefSite>> = Vec::new();
        let mut scanned = 0;
        loop {
            let new_sites: Vec<Vec<RefSite>> = ws.docs[scanned..]
                .par_iter()
                .map(|d| collect_refs(&d.tree))
                .collect();
            let first_new = scanned;
            scanned = ws.docs.len();
            let mut wanted: Vec<(PathBuf, String)> = Vec::new();
            let mut seen: HashSet<PathBuf> = HashSet::new();
            for (i, doc_sites) in new_sites.iter().enumerate() {
                let doc = &ws.docs[first_new + i];
                for site in doc_sites {
                    if let RefKind::File(file, _) = classify(&site.target) {
                        if file.is_empty() {
                            continue;
                        }
                        let Some((canon, display)) = target_path(doc, file, &opts.root) else {
                            continue;
                        };
                        if !by_canonical.contains_key(&canon)
                            && !failed.contains_key(&canon)
                            && seen.insert(canon.clone())
                        {
                            wanted.push((canon, display));
                        }
                    }
                }
            }
            sites.extend(new_sites);
            if wanted.is_empty() {
                break;
            }
            let loaded: Vec<(PathBuf, Loaded)> = wanted
                .into_par_iter()
                .map(|(canon, display)| {
                    let l = read_and_parse(&canon, display, DocKind::Fragment, true, opts);
                    (canon, l)
                })
                .collect();
            for (canon, l) in loaded {
                ws.accept(canon, l, true, &mut by_canonical, &mut failed);
            }
        }

        // Resolve every `$ref` once, all documents' together (one large description holds
        // thousands).
        let flat: Vec<(usize, &RefSite)> = sites
            .iter()
            .enumerate()
            .flat_map(|(i, doc_sites)| doc_sites.iter().map(move |s| (i, s)))
            .collect();
        // The keys of the documents' large mappings, for the pointers of the references.
        let large: Vec<LargeMaps<'_>> = if flat.is_empty() {
            Vec::new()
        } else {
            ws.docs.par_iter().map(|d| d.tree.large_maps()).collect()
        };
        let resolved: Vec<Result<Option<NodeRef>, Box<Diagnostic>>> = flat
            .par_iter()
            .with_min_len(256)
            .map(|(i, site)| {
                let (known, large) = (&by_canonical, &large);
                ws.resolve_site(DocId(*i as u32), site, known, &failed, large, &opts.root)
            })
            .collect();
        let mut tables: Vec<Vec<Option<NodeRef>>> = vec![Vec::new(); ws.docs.len()];
        for ((i, site), r) in flat.iter().zip(resolved) {
            match r {
                Ok(Some(target)) => {
                    let table = &mut tables[*i];
                    if table.is_empty() {
                        *table = vec![None; ws.docs[*i].tree.nodes.len()];
                    }
                    table[site.holder.index()] = Some(target);
                    ws.ref_count += 1;
                }
                Ok(None) => {}
                Err(d) => ws.problems.push(*d),
            }
        }
        ws.refs = tables;
        ws
    }

    fn accept(
        &mut self,
        canon: PathBuf,
        loaded: Loaded,
        fragment: bool,
        by_canonical: &mut HashMap<PathBuf, DocId>,
        failed: &mut HashMap<PathBuf, Option<String>>,
    ) {
        match loaded {
            Loaded::Doc(doc, problems) => {
                if by_canonical.contains_key(&canon) {
                    return;
                }
                by_canonical.insert(canon, DocId(self.docs.len() as u32));
                self.docs.push(doc);
                self.problems.extend(problems);
            }
            Loaded::Skip => {}
            Loaded::Template(name) => self.templates.push(name),
            Loaded::Failed(d, text) => {
                if failed.contains_key(&canon) {
                    return;
                }
                // A file reached by `$ref` that cannot be read is no place to show: the
                // `$ref`s are (see `resolve_site`).
                if fragment && d.rule == Rule::IoError {
                    failed.insert(canon, Some(d.message));
                    return;
                }
                failed.insert(canon, None);
                if let Some(text) = text {
                    self.failed_sources.push((d.file.clone(), text));
                }
                self.problems.push(d);
            }
        }
    }

    fn resolve_site(
        &self,
        doc_id: DocId,
        site: &RefSite,
        by_canonical: &HashMap<PathBuf, DocId>,
        failed: &HashMap<PathBuf, Option<String>>,
        large: &[LargeMaps<'_>],
        root: &Path,
    ) -> Result<Option<NodeRef>, Box<Diagnostic>> {
        let doc = &self.docs[doc_id.0 as usize];
        let at = |rule: Rule, severity: Severity, message: String| {
            let mut d = problem(
                rule,
                severity,
                &doc.path,
                doc.range(doc.tree.span(site.value)),
                message,
            );
            d.pointer = Some(doc.tree.pointer(site.value));
            d.input_error = false;
            Box::new(d)
        };
        let (target_doc, fragment) = match classify(&site.target) {
            RefKind::Remote => {
                let mut d = at(
                    Rule::RemoteRef,
                    Severity::Warning,
                    format!(
                        "remote reference `{}` is not fetched; what it points to is not checked",
                        site.target
                    ),
                );
                d.owasp = Some("API10:2023".into());
                d.help = Some(
                    "vendor the referenced document into the project and use a relative `$ref`"
                        .into(),
                );
                if site.target.starts_with("http://") {
                    d.message = format!(
                        "remote reference `{}` over plain HTTP: it can be tampered with in transit, and is not fetched",
                        site.target
                    );
                }
                return Err(d);
            }
            RefKind::Local(frag) => (doc_id, frag),
            RefKind::File(file, frag) => {
                if file.is_empty() {
                    (doc_id, frag)
                } else {
                    match target_path(doc, file, root) {
                        None => {
                            return Err(at(
                                Rule::RefOutsideRoot,
                                Severity::Error,
                                format!(
                                    "`$ref: {}` leaves the project root and was not read",
                                    site.target
                                ),
                            ))
                        }
                        Some((canon, _)) => match by_canonical.get(&canon) {
                            Some(id) => (*id, frag),
                            None => match failed.get(&canon) {
                                Some(None) => return Ok(None),
                                Some(Some(why)) => {
                                    let mut d = at(
                                        Rule::UnresolvedRef,
                                        Severity::Error,
                                        format!(
                                            "`$ref: {}` cannot be followed: {why}",
                                            site.target
                                        ),
                                    );
                                    d.input_error = true;
                                    return Err(d);
                                }
                                None => {
                                    return Err(at(
                                        Rule::UnresolvedRef,
                                        Severity::Error,
                                        format!("`$ref: {}`: file `{file}` not found", site.target),
                                    ))
                                }
                            },
                        },
                    }
                }
            }
        };
        let target_tree = &self.docs[target_doc.0 as usize].tree;
        let frag = percent_decode(fragment);
        let found = if frag.is_empty() {
            target_tree.root
        } else if let Some(ptr) = frag.strip_prefix('/') {
            let tokens: Vec<String> = ptr.split('/').map(unescape_pointer).collect();
            target_tree.lookup_in(
                tokens.iter().map(String::as_str),
                &large[target_doc.0 as usize],
            )
        } else {
            None
        };
        match found {
            Some(node) => Ok(Some(NodeRef {
                doc: target_doc,
                node,
            })),
            None => Err(at(
                Rule::UnresolvedRef,
                Severity::Error,
                format!(
                    "`$ref: {}` points to nothing: no node at `#{frag}`",
                    site.target
                ),
            )),
        }
    }

    pub fn doc(&self, id: DocId) -> &Document {
        &self.docs[id.0 as usize]
    }

    pub fn tree(&self, id: DocId) -> &Tree {
        &self.docs[id.0 as usize].tree
    }

    /// The documents that are API descriptions.
    pub fn api_docs(&self) -> impl Iterator<Item = DocId> + '_ {
        self.docs
            .iter()
            .enumerate()
            .filter(|(_, d)| d.kind == DocKind::Api)
            .map(|(i, _)| DocId(i as u32))
    }

    /// The documents `doc` refers to, directly or through others, and `doc` itself.
    pub fn reached_from(&self, doc: DocId) -> Vec<DocId> {
        let mut seen = vec![false; self.docs.len()];
        seen[doc.0 as usize] = true;
        let mut todo = vec![doc];
        while let Some(d) = todo.pop() {
            let targets = self.refs.get(d.0 as usize).into_iter().flatten().flatten();
            for t in targets {
                if !std::mem::replace(&mut seen[t.doc.0 as usize], true) {
                    todo.push(t.doc);
                }
            }
        }
        (0..self.docs.len())
            .filter(|i| seen[*i])
            .map(|i| DocId(i as u32))
            .collect()
    }

    /// Follows aliases and `$ref`s to the node that holds the value. Cycles of references
    /// that never reach a value end where they started.
    pub fn deref(&self, mut r: NodeRef) -> NodeRef {
        for _ in 0..64 {
            let tree = self.tree(r.doc);
            let node = tree.resolve_alias(r.node);
            let here = NodeRef { doc: r.doc, node };
            let next = self
                .refs
                .get(r.doc.0 as usize)
                .and_then(|t| t.get(node.index()))
                .copied()
                .flatten();
            match next {
                Some(next) => r = next,
                None => return here,
            }
        }
        r
    }

    /// The value at `key` of the mapping `r` (after dereferencing `r`), dereferenced.
    pub fn get(&self, r: NodeRef, key: &str) -> Option<NodeRef> {
        let r = self.deref(r);
        let node = self.tree(r.doc).get(r.node, key)?;
        Some(self.deref(NodeRef { doc: r.doc, node }))
    }

    /// Like [`Workspace::get`] but without following a `$ref` at the value.
    pub fn get_raw(&self, r: NodeRef, key: &str) -> Option<NodeRef> {
        let r = self.deref(r);
        let node = self.tree(r.doc).get(r.node, key)?;
        Some(NodeRef { doc: r.doc, node })
    }

    pub fn value(&self, r: NodeRef) -> &Value {
        let r = self.deref(r);
        self.tree(r.doc).value(r.node)
    }

    pub fn as_str(&self, r: NodeRef) -> Option<&str> {
        match self.value(r) {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn get_str(&self, r: NodeRef, key: &str) -> Option<&str> {
        self.get(r, key).and_then(|v| self.as_str(v))
    }

    /// The entries of a mapping (after dereferencing), each value as a node of its document.
    pub fn entries(&self, r: NodeRef) -> impl Iterator<Item = (&str, NodeRef)> + '_ {
        let r = self.deref(r);
        let entries: &[crate::tree::Entry] = self.tree(r.doc).as_map(r.node).unwrap_or(&[]);
        entries.iter().map(move |e| {
            (
                &*e.key,
                NodeRef {
                    doc: r.doc,
                    node: e.value,
                },
            )
        })
    }

    /// The items of a sequence (after dereferencing).
    pub fn items(&self, r: NodeRef) -> impl Iterator<Item = NodeRef> + '_ {
        let r = self.deref(r);
        let items: &[NodeId] = self.tree(r.doc).as_seq(r.node).unwrap_or(&[]);
        items.iter().map(move |n| NodeRef {
            doc: r.doc,
            node: *n,
        })
    }

    /// Number of `$ref`s resolved.
    pub fn ref_count(&self) -> usize {
        self.ref_count
    }
}

/// The canonical and display paths of the file a `$ref` names, or `None` when it lies
/// outside the project root (or does not exist, then the display path is kept).
fn target_path(from: &Document, file: &str, root: &Path) -> Option<(PathBuf, String)> {
    let rel = percent_decode(file);
    let base = from.canonical.parent().unwrap_or(Path::new("/"));
    let joined = normalize(&base.join(&rel));
    if !joined.starts_with(root) {
        return None;
    }
    let canon = match joined.canonicalize() {
        Ok(c) => c,
        // Missing file: keep the lexical path so it is reported as not found.
        Err(_) => joined,
    };
    if !canon.starts_with(root) {
        return None;
    }
    let display_base = Path::new(&from.path).parent().unwrap_or(Path::new(""));
    let display = display_path(&normalize(&display_base.join(&rel)));
    Some((canon, display))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classify_refs() {
        assert!(matches!(
            classify("#/components/schemas/A"),
            RefKind::Local("/components/schemas/A")
        ));
        assert!(matches!(
            classify("a.yaml#/x"),
            RefKind::File("a.yaml", "/x")
        ));
        assert!(matches!(
            classify("../a.yaml"),
            RefKind::File("../a.yaml", "")
        ));
        assert!(matches!(
            classify("https://x.example/a.yaml"),
            RefKind::Remote
        ));
        assert!(matches!(
            classify("http://x.example/a.yaml#/b"),
            RefKind::Remote
        ));
    }

    /// A byte order mark does not hide that a file without extension is JSON.
    #[test]
    fn format_sniffing_looks_past_a_bom() {
        let json = |t: &str| matches!(format_of(Path::new("spec"), t), Format::Json);
        assert!(json("\u{FEFF}{\"openapi\": \"3.0.3\"}"));
        assert!(json(" \n{}"));
        assert!(!json("\u{FEFF}openapi: 3.0.3"));
    }

    #[test]
    fn normalize_paths() {
        assert_eq!(normalize(Path::new("./a/./b/../c")), PathBuf::from("a/c"));
        assert_eq!(
            normalize(Path::new("../x/../../y")),
            PathBuf::from("../../y")
        );
        assert_eq!(normalize(Path::new("/a/../../b")), PathBuf::from("/b"));
    }

    #[test]
    fn prefilter() {
        assert!(looks_like_api(b"openapi: 3.0.0\n"));
        assert!(looks_like_api(b"# c\nswagger: '2.0'\n"));
        assert!(looks_like_api(b"{\n  \"openapi\" : \"3.1.0\"}"));
        assert!(!looks_like_api(b"name: CI\non: push\n"));
        assert!(!looks_like_api(b"description: uses openapi: a lot\n"));
    }

    #[test]
    fn percent_decoding() {
        assert_eq!(percent_decode("a%20b%7Bid%7D"), "a b{id}");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%4"), "%4");
    }

    /// References into a mapping of many entries (`components/schemas` of 50k schemas, each
    /// pointing to the next) resolve through its hashed keys, not a search of them each.
    #[test]
    fn refs_into_large_mappings() {
        let n = 50_000;
        let schemas: Vec<String> = (0..n)
            .map(|i| {
                let next = if i + 1 == n {
                    "missing".to_owned()
                } else {
                    format!("s{}", i + 1)
                };
                format!("\"s{i}\": {{\"$ref\": \"#/components/schemas/{next}\"}}")
            })
            .collect();
        let text = format!(
            "{{\"openapi\": \"3.0.3\", \"info\": {{\"title\": \"t\", \"version\": \"1\"}}, \"paths\": {{}}, \"components\": {{\"schemas\": {{{}}}}}}}",
            schemas.join(", ")
        );
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::write(root.join("big.json"), text).unwrap();
        let ws = Workspace::load(
            &[Candidate {
                path: root.join("big.json"),
                explicit: true,
            }],
            &LoadOptions {
                root: root.clone(),
                max_file_size: 1 << 30,
                include_templates: false,
            },
        );
        assert_eq!(ws.ref_count(), n - 1);
        let rules: Vec<&str> = ws.problems.iter().map(|p| p.rule.as_str()).collect();
        assert_eq!(rules, ["unresolved-ref"]);
        assert!(ws.problems[0].message.contains("schemas/missing"));
    }

    #[test]
    fn templates_of_descriptions() {
        let t = |name: &str, text: &str| super::is_template(Path::new(name), text.as_bytes());
        assert!(t("openapi-main.ytt.yaml", "openapi: 3.0.3\n"));
        assert!(t(
            "api.yaml",
            "#@ load(\"@ytt:data\", \"data\")\nopenapi: 3.0.3\n"
        ));
        assert!(t(
            "api.yaml",
            "openapi: 3.0.3\ninfo:\n  title: {{ .Title }}\n"
        ));
        assert!(t("api.yaml", "{% if x %}\nopenapi: 3.0.3\n{% endif %}\n"));
        assert!(!t(
            "api.yaml",
            "openapi: 3.0.3\ninfo:\n  title: Store # not {{ here\n"
        ));
        assert!(!t(
            "api.json",
            "{\"openapi\": \"3.0.3\", \"x\": \"{{id}}\"}"
        ));
    }

    /// Which documents a description reaches, and which named files are no description.
    #[test]
    fn reached_documents_and_named_non_descriptions() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        let w = |name: &str, text: &str| std::fs::write(root.join(name), text).unwrap();
        w(
            "a.yaml",
            "openapi: 3.0.0\npaths:\n  /x:\n    $ref: 'p.yaml'\n",
        );
        w(
            "p.yaml",
            "get:\n  responses:\n    '200': {$ref: 'r.yaml'}\n",
        );
        w("r.yaml", "description: ok\n");
        w("b.yaml", "openapi: 3.0.0\npaths: {}\n");
        w("ci.yaml", "on: push\n");
        let named = |p: &str| Candidate {
            path: root.join(p),
            explicit: true,
        };
        let ws = Workspace::load(
            &[named("a.yaml"), named("b.yaml"), named("ci.yaml")],
            &LoadOptions {
                root: root.clone(),
                max_file_size: 1 << 20,
                include_templates: false,
            },
        );
        let name = |d: &DocId| ws.doc(*d).canonical.file_name().unwrap().to_owned();
        let a = ws.api_docs().find(|d| name(d) == "a.yaml").unwrap();
        let b = ws.api_docs().find(|d| name(d) == "b.yaml").unwrap();
        let mut reached: Vec<_> = ws.reached_from(a).iter().map(name).collect();
        reached.sort();
        assert_eq!(reached, ["a.yaml", "p.yaml", "r.yaml"]);
        assert_eq!(ws.reached_from(b), [b]);
        assert_eq!(ws.not_api, [root.join("ci.yaml")]);
    }
}
