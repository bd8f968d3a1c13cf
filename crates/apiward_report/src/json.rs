//! The versioned JSON document (`version` 1), documented in the README. Each diagnostic is
//! written as [`apiward_diagnostics::Diagnostic`] serializes: `owasp` is `null` for input
//! problems; `pointer`, `help` and `related` are left out when empty.
//!
//! Written straight from typed structs (no intermediate `serde_json::Value`): reports of
//! large APIs hold thousands of findings.

use apiward_diagnostics::Diagnostic;
use rayon::prelude::*;
use serde::Serialize;

use crate::Report;

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    tool: Tool<'a>,
    diagnostics: &'a [Diagnostic],
    summary: SummaryOut<'a>,
}

#[derive(Serialize)]
struct Tool<'a> {
    name: &'static str,
    version: &'a str,
}

#[derive(Serialize)]
struct SummaryOut<'a> {
    files: Files,
    /// `true` when the inputs held no API description and no Rust web service.
    nothing_checked: bool,
    errors: usize,
    warnings: usize,
    infos: usize,
    total: usize,
    /// Counts by rule, with `--statistics`.
    #[serde(skip_serializing_if = "Option::is_none")]
    by_rule: Option<Vec<crate::RuleCount<'a>>>,
}

#[derive(Serialize)]
struct Files {
    specs: usize,
    fragments: usize,
    rust: usize,
}

#[cfg(test)]
pub(crate) fn render(report: &Report<'_>) -> String {
    let mut out = Vec::new();
    render_to(report, &mut out).expect("writing to memory does not fail");
    String::from_utf8(out).expect("serde_json writes UTF-8")
}

pub(crate) fn render_to(report: &Report<'_>, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let c = report.counts();
    let doc = Document {
        version: 1,
        tool: Tool {
            name: "apiward",
            version: report.tool_version,
        },
        diagnostics: &[],
        summary: SummaryOut {
            files: Files {
                specs: report.summary.specs,
                fragments: report.summary.fragments,
                rust: report.summary.rust_files,
            },
            nothing_checked: report.summary.nothing_checked,
            errors: c.errors,
            warnings: c.warnings,
            infos: c.infos,
            total: c.total(),
            by_rule: report.statistics.then(|| report.by_rule()),
        },
    };
    let frame = serde_json::to_string_pretty(&doc).expect("summary serializes");
    const EMPTY: &str = "\"diagnostics\": []";
    let at = frame.find(EMPTY).expect("the frame lists the diagnostics");
    out.write_all(&frame.as_bytes()[..at])?;
    out.write_all(b"\"diagnostics\": [")?;
    write_diagnostics(report.diagnostics, out)?;
    out.write_all(if report.diagnostics.is_empty() {
        b"]"
    } else {
        b"\n  ]"
    })?;
    out.write_all(&frame.as_bytes()[at + EMPTY.len()..])?;
    out.write_all(b"\n")
}

/// Findings rendered per chunk, a chunk per task.
const CHUNK: usize = 256;
/// Bytes a chunk may grow to (estimated) before it is cut: a chunk of findings with
/// megabyte-long pointers (a description's 3 MB path names) is not 256 of them.
const CHUNK_BYTES: usize = 256 * 1024;
/// Chunks rendered together, then written while the next are rendered.
const WAVE: usize = 16;

/// About the bytes `d` renders to: its strings, and room for the names of the fields, the
/// numbers and the indentation.
fn estimate(d: &Diagnostic) -> usize {
    let len = |s: Option<&str>| s.map_or(0, str::len);
    let related: usize = d
        .related
        .iter()
        .map(|r| r.message.len() + r.file.len() + len(r.pointer.as_deref()) + 200)
        .sum();
    d.message.len()
        + d.file.len()
        + len(d.pointer.as_deref())
        + len(d.help.as_deref())
        + related
        + 300
}

/// `all` cut into runs of at most `count` items and about `bytes` bytes by `size` (an item
/// larger than that is a run of its own): findings into chunks, chunks into waves.
fn cut<T>(all: &[T], count: usize, bytes: usize, size: impl Fn(&T) -> usize) -> Vec<&[T]> {
    let mut out = Vec::new();
    let (mut start, mut held) = (0, 0);
    for (i, item) in all.iter().enumerate() {
        let n = size(item);
        if i > start && (i - start == count || held + n > bytes) {
            out.push(&all[start..i]);
            (start, held) = (i, 0);
        }
        held += n;
    }
    if start < all.len() {
        out.push(&all[start..]);
    }
    out
}

/// `all` cut into chunks of at most [`CHUNK`] findings and about [`CHUNK_BYTES`] bytes.
fn chunks<'a, 'd>(all: &'a [&'d Diagnostic]) -> Vec<&'a [&'d Diagnostic]> {
    cut(all, CHUNK, CHUNK_BYTES, |d| estimate(d))
}

/// Chunks grouped into waves of at most [`WAVE`] chunks and about [`WAVE`] full chunks'
/// bytes (a wave of findings with megabyte pointers is one chunk).
fn waves<'a, 'c, 'd>(chunks: &'a [&'c [&'d Diagnostic]]) -> Vec<&'a [&'c [&'d Diagnostic]]> {
    cut(chunks, WAVE, WAVE * CHUNK_BYTES, |c| {
        c.iter().map(|d| estimate(d)).sum()
    })
}

/// Writes the items of the `diagnostics` array, each on its lines after a line break (a
/// large tree's report holds tens of thousands, 20 MB). They are rendered in parallel on a
/// thread of their own, a wave of chunks at a time, while this thread writes the wave
/// rendered before; one more wave waits between them, so that the report's memory is three
/// waves (about 12 MB), however large its findings, not the whole report. Written buffers
/// go back to be filled again.
fn write_diagnostics(all: &[&Diagnostic], out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let chunks = chunks(all);
    if chunks.len() <= 1 {
        let mut buf = Vec::new();
        render_chunk(all, &mut buf);
        return out.write_all(&buf);
    }
    let waves = waves(&chunks);
    std::thread::scope(|s| {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Vec<u8>>>(1);
        let (back_tx, back_rx) = std::sync::mpsc::channel::<Vec<u8>>();
        let waves = &waves;
        s.spawn(move || {
            for wave in waves {
                let mut bufs: Vec<Vec<u8>> = wave
                    .iter()
                    .map(|_| back_rx.try_recv().unwrap_or_default())
                    .collect();
                wave.par_iter()
                    .zip(bufs.par_iter_mut())
                    .for_each(|(chunk, buf)| render_chunk(chunk, buf));
                // The writer stopped (an error): so does the rendering.
                if tx.send(bufs).is_err() {
                    return;
                }
            }
        });
        let mut first = true;
        for wave in rx {
            for mut buf in wave {
                if !first {
                    out.write_all(b",")?;
                }
                first = false;
                out.write_all(&buf)?;
                // A buffer grown for one large finding is not kept for the next chunks.
                if buf.capacity() > 4 * CHUNK_BYTES {
                    buf = Vec::new();
                }
                let _ = back_tx.send(buf);
            }
        }
        Ok(())
    })
}

/// Renders `chunk` into `buf` (emptied first), each finding after a line break.
fn render_chunk(chunk: &[&Diagnostic], buf: &mut Vec<u8>) {
    buf.clear();
    let estimated: usize = chunk.iter().map(|d| estimate(d)).sum();
    buf.reserve(estimated.min(4 * CHUNK_BYTES));
    for (i, d) in chunk.iter().enumerate() {
        buf.extend_from_slice(if i == 0 { b"\n" } else { b",\n" });
        write_diagnostic(buf, d);
    }
}

/// Writes `d` as `serde_json::to_writer_pretty` does, indented two levels (an item of the
/// document's `diagnostics`), without serde: a large report is mostly this, and serde's
/// pretty printer and a second pass to indent took 23 ms for qdrant's 25,000 findings. The
/// tests hold it to serde's output.
fn write_diagnostic(out: &mut Vec<u8>, d: &Diagnostic) {
    out.extend_from_slice(&SPACES[..4]);
    out.push(b'{');
    field(out, 6, "rule");
    string(out, &d.rule);
    field(out, 6, "owasp");
    match &d.owasp {
        Some(o) => string(out, o),
        None => out.extend_from_slice(b"null"),
    }
    field(out, 6, "severity");
    string(out, d.severity.as_str());
    place(out, 6, &d.message, &d.file, &d.range, d.pointer.as_deref());
    if let Some(h) = &d.help {
        field(out, 6, "help");
        string(out, h);
    }
    if !d.related.is_empty() {
        field(out, 6, "related");
        out.push(b'[');
        for r in &d.related {
            separate(out);
            out.extend_from_slice(&SPACES[..8]);
            out.push(b'{');
            place(out, 10, &r.message, &r.file, &r.range, r.pointer.as_deref());
            close_at(out, 8, b'}');
        }
        close_at(out, 6, b']');
    }
    close_at(out, 4, b'}');
}

/// The fields a diagnostic and its related places share, each on a line at `indent`:
/// `message`, `file`, `range`, `pointer`.
fn place(
    out: &mut Vec<u8>,
    indent: usize,
    message: &str,
    file: &str,
    r: &apiward_diagnostics::Range,
    pointer: Option<&str>,
) {
    field(out, indent, "message");
    string(out, message);
    field(out, indent, "file");
    string(out, file);
    field(out, indent, "range");
    range(out, r, indent);
    if let Some(p) = pointer {
        field(out, indent, "pointer");
        string(out, p);
    }
}

/// A range's object, its braces at `indent`.
fn range(out: &mut Vec<u8>, r: &apiward_diagnostics::Range, indent: usize) {
    let mut num = itoa::Buffer::new();
    out.push(b'{');
    for (name, p) in [("start", &r.start), ("end", &r.end)] {
        field(out, indent + 2, name);
        out.push(b'{');
        for (key, v) in [("line", p.line), ("column", p.column), ("offset", p.offset)] {
            field(out, indent + 4, key);
            out.extend_from_slice(num.format(v).as_bytes());
        }
        close_at(out, indent + 2, b'}');
    }
    close_at(out, indent, b'}');
}

/// Enough spaces for the deepest line of a finding.
const SPACES: &[u8] = b"                ";

/// The line break before an object's member or an array's item, after a comma unless it is
/// the first.
fn separate(out: &mut Vec<u8>) {
    let first = matches!(out.last(), Some(b'{' | b'['));
    out.extend_from_slice(if first { b"\n" } else { b",\n" });
}

/// A member's line up to its value: `,\n` (or `\n`), then `indent"key": `.
fn field(out: &mut Vec<u8>, indent: usize, key: &str) {
    separate(out);
    out.extend_from_slice(&SPACES[..indent]);
    out.push(b'"');
    out.extend_from_slice(key.as_bytes());
    out.extend_from_slice(b"\": ");
}

/// A line break, then `close` at `indent`.
fn close_at(out: &mut Vec<u8>, indent: usize, close: u8) {
    out.push(b'\n');
    out.extend_from_slice(&SPACES[..indent]);
    out.push(close);
}

/// A JSON string as serde_json writes it: `"` and `\\` escaped, control characters as
/// `\n`-style or `\u00XX` escapes, everything else as it is.
fn string(out: &mut Vec<u8>, s: &str) {
    out.push(b'"');
    let b = s.as_bytes();
    let mut from = 0;
    let mut i = 0;
    while i < b.len() {
        // Eight bytes at a time while none needs escaping (most text needs none).
        if let Some(word) = b.get(i..i + 8) {
            if !needs_escape(u64::from_le_bytes(word.try_into().expect("eight bytes"))) {
                i += 8;
                continue;
            }
        }
        let c = b[i];
        i += 1;
        if c >= 0x20 && c != b'"' && c != b'\\' {
            continue;
        }
        out.extend_from_slice(&b[from..i - 1]);
        match c {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\t' => out.extend_from_slice(b"\\t"),
            0x08 => out.extend_from_slice(b"\\b"),
            0x0c => out.extend_from_slice(b"\\f"),
            _ => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.extend_from_slice(b"\\u00");
                out.push(HEX[(c >> 4) as usize]);
                out.push(HEX[(c & 0xf) as usize]);
            }
        }
        from = i;
    }
    out.extend_from_slice(&b[from..]);
    out.push(b'"');
}

/// Whether any of the eight bytes of `w` is a control character, `"` or `\\` (the classic
/// "has a zero byte" bit tricks: a byte below 0x20, or equal to one after an xor).
fn needs_escape(w: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let below = |x: u64, n: u8| x.wrapping_sub(ONES * u64::from(n)) & !x & HIGH;
    let zero = |x: u64| below(x, 1);
    below(w, 0x20) | zero(w ^ (ONES * u64::from(b'"'))) | zero(w ^ (ONES * u64::from(b'\\'))) != 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use apiward_diagnostics::{Position, Range, Related, Severity};

    /// What serde_json writes for `d`, indented two levels.
    fn by_serde(d: &Diagnostic) -> String {
        let one = serde_json::to_string_pretty(d).unwrap();
        let mut out = String::from("    ");
        out.push_str(&one.replace('\n', "\n    "));
        out
    }

    #[test]
    fn strings_are_escaped_as_serde_escapes_them() {
        // Every byte at every place of an eight-byte word, among text that needs nothing.
        for c in (0u8..0x80)
            .map(char::from)
            .chain(['é', '—', '🦀', '\u{7f}'])
        {
            for at in 0..17 {
                let mut s = "abcdefghijklmnopq".to_owned();
                s.insert(at, c);
                let mut out = Vec::new();
                string(&mut out, &s);
                assert_eq!(
                    String::from_utf8(out).unwrap(),
                    serde_json::to_string(&s).unwrap()
                );
            }
        }
    }

    #[test]
    fn diagnostics_are_written_as_serde_writes_them() {
        let at = |line, column, offset| Position {
            line,
            column,
            offset,
        };
        let range = Range {
            start: at(1, 2, 3),
            end: at(40_000, 1, u32::MAX),
        };
        let awkward = "quote \" backslash \\ newline \n tab \t cr \r nul \u{0} bell \u{7} \
                       unit \u{1f} del \u{7f} back \u{8} feed \u{c} é — 🦀 </script>";
        let mut d = Diagnostic {
            rule: "missing-auth".into(),
            owasp: Some("API2:2023".into()),
            severity: Severity::Error,
            message: awkward.into(),
            file: "dir/ü file.yaml".into(),
            range,
            pointer: Some("/paths/~1a~1{id}/get".into()),
            help: Some("".into()),
            label: Some("not written".into()),
            related: Vec::new(),
            input_error: true,
        };
        let mut cases = vec![d.clone()];
        d.owasp = None;
        d.pointer = None;
        d.help = None;
        cases.push(d.clone());
        let related = |pointer: Option<&str>| Related {
            message: awkward.into(),
            file: "a.rs".into(),
            range,
            pointer: pointer.map(String::from),
        };
        d.related = vec![related(Some("/x"))];
        cases.push(d.clone());
        d.related = vec![related(None), related(Some("")), related(None)];
        d.help = Some("help".into());
        cases.push(d);
        for d in &cases {
            let mut out = Vec::new();
            write_diagnostic(&mut out, d);
            assert_eq!(String::from_utf8(out).unwrap(), by_serde(d));
        }
        // Whole documents, small and written in waves of chunks (the last one partial),
        // against serde's pretty document; one finding in five has a 10 kB pointer, so
        // that chunks are cut by size too.
        let mut long = cases[0].clone();
        long.pointer = Some(format!("/paths/~1{}", "a".repeat(10_000)));
        cases.push(long);
        for n in [0, 1, 3, CHUNK, CHUNK * WAVE * 2 + 7] {
            let all: Vec<Diagnostic> = (0..n).map(|i| cases[i % cases.len()].clone()).collect();
            let refs: Vec<&Diagnostic> = all.iter().collect();
            let cut = chunks(&refs);
            assert_eq!(cut.iter().map(|c| c.len()).sum::<usize>(), n);
            let size = |c: &[&Diagnostic]| c.iter().map(|d| estimate(d)).sum::<usize>();
            for c in &cut {
                assert!(c.len() == 1 || (c.len() <= CHUNK && size(c) <= CHUNK_BYTES));
            }
            let waves = waves(&cut);
            assert_eq!(waves.iter().map(|w| w.len()).sum::<usize>(), cut.len());
            for w in &waves {
                let bytes: usize = w.iter().map(|c| size(c)).sum();
                assert!(w.len() == 1 || (w.len() <= WAVE && bytes <= WAVE * CHUNK_BYTES));
            }
            if n > 100 {
                assert!(
                    cut.len() > n.div_ceil(CHUNK),
                    "{n} findings: cut by size too"
                );
            }
            let sources = apiward_diagnostics::SourceMap::new();
            let report = Report {
                diagnostics: &refs,
                sources: &sources,
                rules: &[],
                summary: crate::Summary::default(),
                tool_version: "0.0.0",
                fingerprints: &[],
                statistics: false,
                anchor: None,
            };
            let c = report.counts();
            let doc = Document {
                version: 1,
                tool: Tool {
                    name: "apiward",
                    version: "0.0.0",
                },
                diagnostics: &all,
                summary: SummaryOut {
                    files: Files {
                        specs: 0,
                        fragments: 0,
                        rust: 0,
                    },
                    nothing_checked: false,
                    errors: c.errors,
                    warnings: c.warnings,
                    infos: c.infos,
                    total: c.total(),
                    by_rule: None,
                },
            };
            let want = serde_json::to_string_pretty(&doc).unwrap() + "\n";
            assert!(render(&report) == want, "{n} findings");
        }
    }
}
