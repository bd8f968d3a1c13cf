//! SARIF 2.1.0: one run; a rule descriptor for every rule that ran (with its help from
//! `rules/`) and for every input problem reported (`parse-error`, …); one result per
//! diagnostic that has a file.
//!
//! Choices, each made so that the log validates (SARIF multitool, with its GitHub rules) and
//! GitHub code scanning takes it:
//! - artifact URIs are relative to the project root (`uriBaseId` `%SRCROOT%`, which
//!   `originalUriBaseIds` gives as a `file:` URI), wherever the tool was run, so that code
//!   scanning finds the files in the repository; a file outside the root is an absolute
//!   `file:` URI;
//! - a diagnostic without a file (a bad command line) is a `toolExecutionNotification` of
//!   the invocation, not a result: GitHub rejects a whole upload when one result has no
//!   location;
//! - columns count Unicode code points (`columnKind`), like [`apiward_diagnostics::Range`];
//!   `charOffset`/`charLength` are given when the file's text is at hand,
//!   `byteOffset`/`byteLength` always;
//! - `partialFingerprints` hash the rule, the file and the JSON pointer (the message where
//!   there is no pointer), so that an alert survives lines moving around it.

use std::collections::{BTreeMap, HashMap};

use apiward_diagnostics::{Diagnostic, Range, Rule, Severity};
use serde_json::{json, Map, Value};

use crate::{RepoPath, Report, RuleDoc};

/// The `uriBaseId` of the project root.
const SRCROOT: &str = "%SRCROOT%";

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// Key of the fingerprint in `partialFingerprints`; bump the version if the hashed parts
/// change.
const FINGERPRINT_KEY: &str = "apiwardFinding/v1";
/// Key of the fingerprints the caller gives ([`crate::Fingerprint`]: rule, file, pointer or
/// enclosing Rust item and code).
const GIVEN_FINGERPRINT_KEY: &str = "apiwardFinding/v2";

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// GitHub's reading of `security-severity`: 7.0–8.9 high, 4.0–6.9 medium, below low.
fn security_severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "8.0",
        Severity::Warning => "5.0",
        Severity::Info => "2.0",
    }
}

/// `missing-auth` → `MissingAuth`.
pub(crate) fn pascal(id: &str) -> String {
    id.split(['-', '_', '.', ' '])
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_uppercase().chain(c).collect(),
                None => String::new(),
            }
        })
        .collect()
}

/// A rule's SARIF `name`: its id in PascalCase, which the validator (SARIF1001) wants to
/// differ from the id beyond case: a one-word id (`ssrf`) gets `Rule` after it.
fn rule_name(id: &str) -> String {
    let name = pascal(id);
    if name.eq_ignore_ascii_case(id) {
        format!("{name}Rule")
    } else {
        name
    }
}

/// A file path as a URI reference: forward slashes, bytes outside the unreserved set
/// percent-encoded; relative paths stay relative, absolute ones become `file:` URIs.
pub(crate) fn uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let bytes = path.as_bytes();
    let drive =
        bytes.len() >= 3 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':' && bytes[2] == b'/';
    let (mut out, rest) = if path.starts_with("//") {
        // A UNC path: `//server/share/x` → `file://server/share/x`.
        ("file:".to_owned(), &path[..])
    } else if path.starts_with('/') {
        ("file://".to_owned(), &path[..])
    } else if drive {
        (format!("file:///{}:", &path[..1]), &path[2..])
    } else {
        (String::new(), &path[..])
    };
    for b in rest.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char);
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// FNV-1a, 64 bits, over the parts each followed by a NUL: the same on every run and
/// platform. Also the hash of the CLI's baseline fingerprints.
pub fn fnv1a(parts: &[&str]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for b in p.bytes().chain(std::iter::once(0)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}

/// FNV-1a hashes of keys that stay distinct when a key repeats: the second time a key is
/// seen it is hashed with its rank (the same message twice in one Rust file). SARIF's own
/// fingerprints and the CLI's baseline both number findings so.
#[derive(Default)]
pub struct RankedHashes {
    seen: BTreeMap<String, usize>,
}

impl RankedHashes {
    /// The hash of `parts`, ranked among the earlier calls with the same parts.
    pub fn next(&mut self, parts: &[&str]) -> String {
        let base = fnv1a(parts);
        let rank = self.seen.entry(base.clone()).or_insert(0);
        let print = if *rank == 0 {
            base
        } else {
            let rank_s = rank.to_string();
            let mut more = parts.to_vec();
            more.push(&rank_s);
            fnv1a(&more)
        };
        *rank += 1;
        print
    }
}

/// Fingerprints of findings: FNV-1a of the rule, the file as the repository names it (the
/// same alert from any working directory) and the JSON pointer (the message where there is
/// none), ranked ([`RankedHashes`]).
#[derive(Default)]
pub(crate) struct Fingerprints {
    hashes: RankedHashes,
}

impl Fingerprints {
    pub(crate) fn next(&mut self, report: &Report<'_>, d: &Diagnostic) -> String {
        let key = d.pointer.as_deref().unwrap_or(&d.message);
        let repo_file = report.repo_path(&d.file);
        self.hashes.next(&[&d.rule, repo_file.as_str(), key])
    }
}

/// Bytes between two checkpoints of a [`CharIndex`].
const CHAR_STEP: usize = 4096;

/// The number of characters before every [`CHAR_STEP`]-th byte of a text that is not pure
/// ASCII, so that a character offset costs at most one step of counting, not a count from
/// the start of the file for every finding (quadratic on a large file with many findings).
struct CharIndex {
    before: Vec<usize>,
}

impl CharIndex {
    fn new(text: &str) -> CharIndex {
        let bytes = text.as_bytes();
        let mut before = Vec::with_capacity(bytes.len() / CHAR_STEP + 1);
        let mut n = 0;
        for chunk in bytes.chunks(CHAR_STEP) {
            before.push(n);
            n += chars_in(chunk);
        }
        before.push(n);
        CharIndex { before }
    }

    /// Characters before byte `at` (a char boundary of `text`).
    fn chars_before(&self, text: &str, at: usize) -> usize {
        let step = at / CHAR_STEP;
        self.before[step] + chars_in(&text.as_bytes()[step * CHAR_STEP..at])
    }
}

/// Characters in UTF-8 bytes: the bytes that do not continue one.
fn chars_in(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

/// Character offset and length of `range` in `text`, when the range fits the text.
fn char_span(text: &str, index: Option<&CharIndex>, range: &Range) -> Option<(usize, usize)> {
    let (start, end) = (range.start.offset as usize, range.end.offset as usize);
    if start > end
        || end > text.len()
        || !text.is_char_boundary(start)
        || !text.is_char_boundary(end)
    {
        return None;
    }
    let Some(index) = index else {
        return Some((start, end - start));
    };
    let first = index.chars_before(text, start);
    Some((first, index.chars_before(text, end) - first))
}

/// The texts of the files, each with its character index unless it is pure ASCII (then
/// characters are bytes).
struct Texts<'a> {
    report: &'a Report<'a>,
    index: BTreeMap<&'a str, Option<CharIndex>>,
}

impl<'a> Texts<'a> {
    fn get(&mut self, file: &'a str) -> Option<(&'a str, Option<&CharIndex>)> {
        let text: &'a str = self.report.sources.get(file)?;
        let index = self
            .index
            .entry(file)
            .or_insert_with(|| (!text.is_ascii()).then(|| CharIndex::new(text)));
        Some((text, index.as_ref()))
    }
}

fn region(range: &Range, text: Option<(&str, Option<&CharIndex>)>) -> Value {
    let mut r = Map::new();
    r.insert("startLine".into(), json!(range.start.line.max(1)));
    r.insert("startColumn".into(), json!(range.start.column.max(1)));
    r.insert("endLine".into(), json!(range.end.line.max(1)));
    r.insert("endColumn".into(), json!(range.end.column.max(1)));
    if let Some((offset, len)) = text.and_then(|(t, index)| char_span(t, index, range)) {
        r.insert("charOffset".into(), json!(offset));
        r.insert("charLength".into(), json!(len));
    }
    r.insert("byteOffset".into(), json!(range.start.offset));
    r.insert(
        "byteLength".into(),
        json!(range.end.offset.saturating_sub(range.start.offset)),
    );
    Value::Object(r)
}

/// A file's `artifactLocation`: from the project root when it is under it.
fn artifact(report: &Report<'_>, file: &str) -> Value {
    match report.repo_path(file) {
        RepoPath::Inside(rel) => json!({ "uri": uri(&rel), "uriBaseId": SRCROOT }),
        RepoPath::Outside(abs) => json!({ "uri": uri(&abs) }),
        RepoPath::AsGiven(f) => json!({ "uri": uri(f) }),
    }
}

fn location(
    artifact: Value,
    range: &Range,
    pointer: Option<&str>,
    text: Option<(&str, Option<&CharIndex>)>,
) -> Value {
    let mut loc = Map::new();
    loc.insert(
        "physicalLocation".into(),
        json!({
            "artifactLocation": artifact,
            "region": region(range, text),
        }),
    );
    if let Some(p) = pointer {
        loc.insert(
            "logicalLocations".into(),
            json!([{ "fullyQualifiedName": p }]),
        );
    }
    Value::Object(loc)
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The messages of results: the diagnostic's, followed by its help unless the rule's help
/// (shown by code scanning beside every alert) already says it. Whether it does is decided
/// once per rule and help text, not once per finding: putting both on one line and
/// comparing them for every finding took most of the time of a large log.
#[derive(Default)]
struct Messages<'a> {
    said: HashMap<(&'a str, &'a str), bool>,
}

impl<'a> Messages<'a> {
    fn text(&mut self, report: &Report<'a>, d: &'a Diagnostic) -> String {
        let Some(h) = d.help.as_deref() else {
            return d.message.clone();
        };
        let said = *self.said.entry((&d.rule, h)).or_insert_with(|| {
            report
                .rule(&d.rule)
                .is_some_and(|r| one_line(&r.help_text).contains(&one_line(h)))
        });
        if said {
            d.message.clone()
        } else {
            format!(
                "{}. {}",
                d.message.trim_end().trim_end_matches('.'),
                h.trim()
            )
        }
    }
}

/// `CWE-306` → `external/cwe/cwe-306`, the tag GitHub reads; anything else as it is.
fn cwe_tag(cwe: &str) -> String {
    let digits = cwe
        .get(..4)
        .filter(|p| p.eq_ignore_ascii_case("cwe-"))
        .map(|_| &cwe[4..])
        .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    match digits {
        Some(n) => format!("external/cwe/cwe-{n}"),
        None => cwe.to_owned(),
    }
}

/// The first paragraph of a help text, on one line.
fn first_paragraph(text: &str) -> String {
    one_line(text.trim().split("\n\n").next().unwrap_or_default())
}

fn rule_descriptor(r: &RuleDoc) -> Value {
    let mut tags = vec![json!("security")];
    if !r.owasp.is_empty() {
        tags.push(json!(r.owasp));
    }
    tags.extend(r.cwe.iter().map(|c| json!(cwe_tag(c))));
    let full = Some(first_paragraph(&r.help_text))
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| r.title.clone());
    let mut help = Map::new();
    help.insert(
        "text".into(),
        json!(if r.help_text.trim().is_empty() {
            &full
        } else {
            r.help_text.trim()
        }),
    );
    if !r.help_markdown.trim().is_empty() {
        help.insert("markdown".into(), json!(r.help_markdown));
    }
    json!({
        "id": r.id,
        "name": rule_name(&r.id),
        "shortDescription": { "text": r.title },
        "fullDescription": { "text": full },
        "help": help,
        "defaultConfiguration": { "level": level(r.severity) },
        "properties": {
            "tags": tags,
            "security-severity": security_severity(r.severity),
        },
    })
}

/// Title and description of the input problems the loader and the CLI report (rules of
/// `rules/`, and the CLI's codes that are no rule: `config-error`, `usage-error`).
fn input_problem(id: &str) -> (&'static str, &'static str) {
    match (Rule::from_id(id), id) {
        (Some(Rule::ParseError), _) => (
            "File could not be parsed",
            "The file is not valid YAML or JSON, so apiward could not check it.",
        ),
        (Some(Rule::IoError), _) => (
            "File could not be read",
            "The file could not be read, so apiward could not check it.",
        ),
        (None, "config-error") => (
            "Invalid configuration",
            "The apiward configuration has an error, so the run did not use it.",
        ),
        (None, "usage-error") => (
            "Invalid command line",
            "The command line asked for something apiward cannot do.",
        ),
        (Some(Rule::UnresolvedRef), _) => (
            "Reference that cannot be resolved",
            "A `$ref` points to a file or a node that does not exist, so the part of the API \
             it stands for was not checked.",
        ),
        (Some(Rule::RefOutsideRoot), _) => (
            "Reference outside the project",
            "A `$ref` points to a file outside the project root; apiward did not read it, so \
             the part of the API it stands for was not checked.",
        ),
        _ => (
            "Input problem",
            "apiward could not check part of its input.",
        ),
    }
}

/// A descriptor for a rule id that is not among the rules that ran: an input problem, or
/// (should the caller leave a rule out) a finding known only by its id and category.
fn other_descriptor(d: &Diagnostic) -> Value {
    match &d.owasp {
        None => {
            let (title, description) = input_problem(&d.rule);
            let help = format!(
                "{description} Fix the problem at the reported location and run apiward again."
            );
            json!({
                "id": d.rule,
                "name": rule_name(&d.rule),
                "shortDescription": { "text": title },
                "fullDescription": { "text": description },
                "help": { "text": help },
                "defaultConfiguration": { "level": level(d.severity) },
            })
        }
        Some(owasp) => {
            let text = format!("Finding of the apiward rule `{}` ({owasp}).", d.rule);
            json!({
                "id": d.rule,
                "name": rule_name(&d.rule),
                "shortDescription": { "text": format!("apiward rule {}", d.rule) },
                "fullDescription": { "text": text },
                "help": { "text": text },
                "defaultConfiguration": { "level": level(d.severity) },
                "properties": { "tags": ["security", owasp] },
            })
        }
    }
}

#[cfg(test)]
pub(crate) fn render(report: &Report<'_>) -> String {
    let mut out = Vec::new();
    render_to(report, &mut out).expect("writing to memory does not fail");
    String::from_utf8(out).expect("SARIF is UTF-8")
}

/// The indentation of the items of `runs[0].results` in the pretty document.
const RESULT_INDENT: &[u8] = b"        ";

/// Writes the log into `out`: the document around the results first (pretty-printed with
/// an empty `results`), then each result pretty-printed on its own and indented as in the
/// whole document (the same bytes as pretty-printing the whole log at once), so that the
/// report's memory is one result at a time, not the log's tree of values and its text.
pub(crate) fn render_to(report: &Report<'_>, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    // Descriptors: the rules that ran, then every other rule id a diagnostic names, so that
    // each result has a valid `ruleIndex`.
    let mut index: BTreeMap<&str, usize> = BTreeMap::new();
    let mut descriptors: Vec<Value> = Vec::new();
    for r in report.rules {
        if !index.contains_key(r.id.as_str()) {
            index.insert(&r.id, descriptors.len());
            descriptors.push(rule_descriptor(r));
        }
    }
    for d in report.diagnostics {
        if !index.contains_key(d.rule.as_str()) {
            index.insert(&d.rule, descriptors.len());
            descriptors.push(other_descriptor(d));
        }
    }

    let mut messages = Messages::default();
    let notifications: Vec<Value> = report
        .diagnostics
        .iter()
        .filter(|d| d.file.is_empty())
        .map(|&d| {
            json!({
                "level": level(d.severity),
                "message": { "text": messages.text(report, d) },
                "associatedRule": { "id": d.rule, "index": index[d.rule.as_str()] },
            })
        })
        .collect();
    let mut invocation = Map::new();
    invocation.insert(
        "executionSuccessful".into(),
        json!(!report.diagnostics.iter().any(|d| d.input_error)),
    );
    if !notifications.is_empty() {
        invocation.insert(
            "toolExecutionNotifications".into(),
            Value::Array(notifications),
        );
    }
    let mut run = Map::new();
    run.insert(
        "tool".into(),
        json!({
            "driver": {
                "name": "apiward",
                "fullName": format!("apiward {}", report.tool_version),
                "version": report.tool_version,
                "semanticVersion": report.tool_version,
                "rules": descriptors,
            }
        }),
    );
    run.insert("invocations".into(), json!([invocation]));
    if let Some(a) = report.anchor {
        run.insert(
            "originalUriBaseIds".into(),
            json!({ SRCROOT: { "uri": a.root_uri() } }),
        );
    }
    run.insert("columnKind".into(), json!("unicodeCodePoints"));
    run.insert("results".into(), json!([]));
    if report.statistics {
        run.insert(
            "properties".into(),
            json!({ "statistics": report.by_rule() }),
        );
    }
    let doc = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [Value::Object(run)],
    });
    let frame = serde_json::to_string_pretty(&doc).expect("SARIF serializes");
    // Strings of the frame hold any `"` escaped: this is the member written above.
    const EMPTY: &str = "\"results\": []";
    let at = frame.find(EMPTY).expect("the frame lists the results");
    out.write_all(&frame.as_bytes()[..at])?;
    out.write_all(b"\"results\": [")?;

    let mut texts = Texts {
        report,
        index: BTreeMap::new(),
    };
    let mut prints = Fingerprints::default();
    let (mut one, mut indented) = (Vec::new(), Vec::new());
    let mut written = false;
    for (i, &d) in report.diagnostics.iter().enumerate() {
        if d.file.is_empty() {
            continue;
        }
        let text = messages.text(report, d);
        let given = report.fingerprints.get(i);
        let r = result(
            report,
            d,
            index[d.rule.as_str()],
            text,
            &mut texts,
            given,
            &mut prints,
        );
        one.clear();
        serde_json::to_writer_pretty(&mut one, &r).expect("a result serializes");
        indented.clear();
        indented.extend_from_slice(if written { b",\n" } else { b"\n" });
        for (k, line) in one.split(|&b| b == b'\n').enumerate() {
            if k > 0 {
                indented.push(b'\n');
            }
            indented.extend_from_slice(RESULT_INDENT);
            indented.extend_from_slice(line);
        }
        out.write_all(&indented)?;
        written = true;
    }
    out.write_all(if written { b"\n      ]" } else { b"]" })?;
    out.write_all(&frame.as_bytes()[at + EMPTY.len()..])?;
    out.write_all(b"\n")
}

/// One result, with the caller's fingerprint when it `given` one, else with SARIF's own
/// (the next of `prints`).
fn result<'a>(
    report: &Report<'a>,
    d: &'a Diagnostic,
    rule_index: usize,
    text: String,
    texts: &mut Texts<'a>,
    given: Option<&crate::Fingerprint>,
    prints: &mut Fingerprints,
) -> Value {
    let mut r = Map::new();
    r.insert("ruleId".into(), json!(d.rule));
    r.insert("ruleIndex".into(), json!(rule_index));
    r.insert("level".into(), json!(level(d.severity)));
    r.insert("message".into(), json!({ "text": text }));
    let src = texts.get(&d.file);
    r.insert(
        "locations".into(),
        json!([location(
            artifact(report, &d.file),
            &d.range,
            d.pointer.as_deref(),
            src
        )]),
    );
    if !d.related.is_empty() {
        let related: Vec<Value> = d
            .related
            .iter()
            .enumerate()
            .map(|(i, rel)| {
                let src = texts.get(&rel.file);
                let mut loc = location(
                    artifact(report, &rel.file),
                    &rel.range,
                    rel.pointer.as_deref(),
                    src,
                );
                loc["id"] = json!(i + 1);
                loc["message"] = json!({ "text": rel.message });
                loc
            })
            .collect();
        r.insert("relatedLocations".into(), Value::Array(related));
    }
    match given {
        Some(given) => {
            r.insert(
                "partialFingerprints".into(),
                json!({ GIVEN_FINGERPRINT_KEY: given.hash }),
            );
            match given.baseline {
                Some(crate::BaselineState::New) => {
                    r.insert("baselineState".into(), json!("new"));
                }
                Some(crate::BaselineState::Unchanged) => {
                    r.insert("baselineState".into(), json!("unchanged"));
                    r.insert(
                        "suppressions".into(),
                        json!([{ "kind": "external", "justification": "in the baseline" }]),
                    );
                }
                None => {}
            }
        }
        None => {
            r.insert(
                "partialFingerprints".into(),
                json!({ FINGERPRINT_KEY: prints.next(report, d) }),
            );
        }
    }
    if let Some(o) = &d.owasp {
        r.insert("properties".into(), json!({ "owasp": o }));
    }
    Value::Object(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Character offsets from the checkpoints agree with counting from the start, at every
    /// boundary of a text of 1- to 4-byte characters longer than a few checkpoints.
    #[test]
    fn char_offsets_match_counting() {
        let pieces = ["a", "é", "€", "😀", "\n"];
        let mut seed = 11u32;
        let text: String = (0..10_000)
            .map(|_| {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                pieces[(seed >> 16) as usize % pieces.len()]
            })
            .collect();
        let index = CharIndex::new(&text);
        let bounds: Vec<usize> = (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        for (k, &at) in bounds.iter().enumerate() {
            assert_eq!(index.chars_before(&text, at), k);
        }
    }

    /// The log written result by result is the document serde_json pretty-prints whole: on
    /// a log of several rules (descriptors of rules that ran and of others), results with
    /// related locations, non-ASCII text (character offsets), a notification, the caller's
    /// fingerprints with both baseline states or SARIF's own, an anchor and statistics; and
    /// on logs of no result at all.
    #[test]
    fn streamed_log_is_the_pretty_document() {
        use crate::{Anchor, BaselineState, Fingerprint};
        use apiward_diagnostics::{LineIndex, Related, SourceMap, Span};
        use std::sync::Arc;

        let spec = "openapi: 3.0.3\ninfo: {title: Café — «commandes», version: \"1\"}\n\
                    servers: [{url: http://api.example.com}]\npaths:\n  /commandes/é:\n    \
                    get: {responses: {\"200\": {description: ok}}}\n";
        let mut sources = SourceMap::new();
        sources.insert("api/openapi.yaml", Arc::new(spec.to_owned()));
        let range = |needle: &str| {
            let start = spec.find(needle).unwrap() as u32;
            LineIndex::new(spec).range(spec, Span::new(start, start + needle.len() as u32))
        };
        let d = |rule: &str, owasp: Option<&str>, severity, file: &str, needle: &str| Diagnostic {
            rule: rule.into(),
            owasp: owasp.map(Into::into),
            severity,
            message: format!("`{rule}` at `{needle}`: \"quoted\"\nand 🦀"),
            file: file.into(),
            range: range(needle),
            pointer: Some(format!("/paths/~1commandes~1{needle}")),
            help: Some("Fix it.".into()),
            label: None,
            related: Vec::new(),
            input_error: owasp.is_none(),
        };
        let mut auth = d(
            "missing-auth",
            Some("API2:2023"),
            Severity::Error,
            "api/openapi.yaml",
            "get",
        );
        auth.help = Some("Declare  a\nscheme.".into());
        let mut http = d(
            "http-only-server",
            Some("API8:2023"),
            Severity::Warning,
            "api/openapi.yaml",
            "http://api.example.com",
        );
        http.related = vec![
            Related {
                message: "served «there»".into(),
                file: "api/openapi.yaml".into(),
                range: range("/commandes/é"),
                pointer: Some("/paths/~1commandes~1é".into()),
            },
            Related {
                message: "elsewhere".into(),
                file: "/outside/x.rs".into(),
                range: range("get"),
                pointer: None,
            },
        ];
        let mut handler = d(
            "missing-auth",
            Some("API2:2023"),
            Severity::Error,
            "src/é.rs",
            "get",
        );
        handler.pointer = None;
        handler.help = None;
        let unknown = d(
            "custom-rule",
            Some("API9:2023"),
            Severity::Info,
            "api/openapi.yaml",
            "Café",
        );
        let parse = d(
            "parse-error",
            None,
            Severity::Error,
            "api/openapi.yaml",
            "info",
        );
        let usage = d("usage-error", None, Severity::Error, "", "paths");
        let all = [
            auth.clone(),
            usage,
            http,
            handler.clone(),
            handler,
            unknown,
            parse,
            auth,
        ];
        let rule = |id: &str, help: &str| RuleDoc {
            id: id.into(),
            title: format!("Title of {id}"),
            owasp: "API2:2023".into(),
            cwe: vec!["CWE-306".into(), "other".into()],
            severity: Severity::Error,
            help_markdown: format!("# {id}\n\nWhy — «{help}»"),
            help_text: format!("Why — «{id}».\n\n{help}"),
        };
        let rules = [
            rule("missing-auth", "Declare a scheme."),
            rule("http-only-server", "Serve HTTPS."),
        ];
        let prints: Vec<Fingerprint> = [
            Some(BaselineState::New),
            Some(BaselineState::Unchanged),
            None,
        ]
        .iter()
        .cycle()
        .take(all.len())
        .enumerate()
        .map(|(i, &baseline)| Fingerprint {
            hash: format!("{i:016x}"),
            baseline,
        })
        .collect();
        let root = Anchor::new("/repo/services".into(), "/repo".into());
        let logs = [
            (&all[..], &prints[..], true, Some(&root)),
            (&all[..], &[][..], false, None),
            (&all[1..2], &[][..], true, Some(&root)),
            (&[][..], &[][..], false, None),
        ];
        for (n, (diags, fingerprints, statistics, anchor)) in logs.into_iter().enumerate() {
            let refs: Vec<&Diagnostic> = diags.iter().collect();
            let report = Report {
                diagnostics: &refs,
                sources: &sources,
                rules: &rules,
                summary: crate::Summary::default(),
                tool_version: "0.1.0",
                fingerprints,
                statistics,
                anchor,
            };
            let text = render(&report);
            let whole: Value = serde_json::from_str(&text).unwrap();
            assert!(
                text == serde_json::to_string_pretty(&whole).unwrap() + "\n",
                "log {n}"
            );
            let results = whole["runs"][0]["results"].as_array().unwrap();
            assert_eq!(
                results.len(),
                diags.iter().filter(|d| !d.file.is_empty()).count()
            );
            if n == 0 {
                // What the log was made to hold.
                let has = |key: &str| results.iter().any(|r| r.get(key).is_some());
                assert!(has("baselineState") && has("suppressions") && has("relatedLocations"));
                let region = &results[0]["locations"][0]["physicalLocation"]["region"];
                assert_ne!(region["charOffset"], region["byteOffset"]);
                assert!(whole["runs"][0]["properties"]["statistics"].is_array());
                assert!(whole["runs"][0]["originalUriBaseIds"].is_object());
                let notes = &whole["runs"][0]["invocations"][0]["toolExecutionNotifications"];
                assert_eq!(notes.as_array().map(Vec::len), Some(1));
            }
        }
    }

    #[test]
    fn uris_are_encoded() {
        assert_eq!(uri("bad dir/a#b.yaml"), "bad%20dir/a%23b.yaml");
        assert_eq!(uri("../x/é.yaml"), "../x/%C3%A9.yaml");
        assert_eq!(uri("a:b.yaml"), "a%3Ab.yaml");
        assert_eq!(uri("dir\\x 1.yaml"), "dir/x%201.yaml");
        assert_eq!(uri("/srv/api 1/x.yaml"), "file:///srv/api%201/x.yaml");
        assert_eq!(uri("C:\\work\\x.yaml"), "file:///C:/work/x.yaml");
        assert_eq!(uri("//host/share/x"), "file://host/share/x");
    }

    #[test]
    fn names_are_pascal_case() {
        assert_eq!(pascal("missing-auth"), "MissingAuth");
        assert_eq!(pascal("parse-error"), "ParseError");
        assert_eq!(pascal("x"), "X");
        assert_eq!(rule_name("ssrf"), "SsrfRule");
        assert_eq!(rule_name("missing-auth"), "MissingAuth");
    }

    #[test]
    fn fingerprints_are_stable() {
        // Reference values of FNV-1a 64 (each part followed by NUL).
        assert_eq!(fnv1a(&[]), "cbf29ce484222325");
        assert_eq!(fnv1a(&["a"]), fnv1a(&["a"]));
        assert_ne!(fnv1a(&["ab", ""]), fnv1a(&["a", "b"]));
        assert_eq!(fnv1a(&["a"]).len(), 16);
    }

    #[test]
    fn cwe_tags_follow_github() {
        assert_eq!(cwe_tag("CWE-306"), "external/cwe/cwe-306");
        assert_eq!(cwe_tag("cwe-79"), "external/cwe/cwe-79");
        assert_eq!(cwe_tag("CWE-"), "CWE-");
        assert_eq!(cwe_tag("OTHER"), "OTHER");
    }
}
