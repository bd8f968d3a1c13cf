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
    summary: SummaryOut,
}

#[derive(Serialize)]
struct Tool<'a> {
    name: &'static str,
    version: &'a str,
}

#[derive(Serialize)]
struct SummaryOut {
    files: Files,
    errors: usize,
    warnings: usize,
    infos: usize,
    total: usize,
}

#[derive(Serialize)]
struct Files {
    specs: usize,
    fragments: usize,
    rust: usize,
}

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
            errors: c.errors,
            warnings: c.warnings,
            infos: c.infos,
            total: c.total(),
        },
    };
    let frame = serde_json::to_string_pretty(&doc).expect("summary serializes");
    const EMPTY: &str = "\"diagnostics\": []";
    let at = frame.find(EMPTY).expect("the frame lists the diagnostics");
    // The findings are written in parallel chunks (a large tree's report holds tens of
    // thousands, 20 MB), each as `to_string_pretty` writes it, indented two levels: JSON
    // strings hold no raw newline, so every newline is a line break of the layout.
    let chunks: Vec<Vec<u8>> = report
        .diagnostics
        .par_chunks(256)
        .map(|chunk| {
            let mut buf = Vec::with_capacity(720 * chunk.len());
            let mut one = Vec::with_capacity(1024);
            for (i, d) in chunk.iter().enumerate() {
                if i > 0 {
                    buf.extend_from_slice(b",\n");
                }
                one.clear();
                serde_json::to_writer_pretty(&mut one, d).expect("diagnostics serialize");
                buf.extend_from_slice(b"    ");
                for line in one.split_inclusive(|b| *b == b'\n') {
                    buf.extend_from_slice(line);
                    if line.ends_with(b"\n") {
                        buf.extend_from_slice(b"    ");
                    }
                }
            }
            buf
        })
        .collect();
    out.write_all(&frame.as_bytes()[..at])?;
    out.write_all(b"\"diagnostics\": [")?;
    for (i, chunk) in chunks.iter().enumerate() {
        out.write_all(if i == 0 { b"\n" } else { b",\n" })?;
        out.write_all(chunk)?;
    }
    out.write_all(if chunks.is_empty() { b"]" } else { b"\n  ]" })?;
    out.write_all(&frame.as_bytes()[at + EMPTY.len()..])?;
    out.write_all(b"\n")
}
