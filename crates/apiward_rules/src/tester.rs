//! Runs one rule on documents written inline, the way the binary would (real files in a
//! temporary project, real loading), and renders its findings compactly for assertions and
//! snapshots.

use apiward_spec::load::{Candidate, LoadOptions, Workspace};

use crate::meta::Preset;
use crate::select::Selection;
use crate::Rule;

/// Lints `files` (`(relative path, text)`; the first is the API description) with `sel`, in
/// a temporary project; returns the diagnostics and the project's directory (gone by then,
/// its name only strips prefixes).
pub fn check_with(
    sel: &Selection,
    files: &[(&str, &str)],
) -> (Vec<apiward_diagnostics::Diagnostic>, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        let p = dir.path().join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    let root = dir.path().canonicalize().unwrap();
    let ws = Workspace::load(
        &[Candidate {
            path: root.join(files[0].0),
            explicit: true,
        }],
        &LoadOptions {
            root: root.clone(),
            max_file_size: 1 << 20,
            include_templates: false,
        },
    );
    (crate::check(&ws, sel), root)
}

/// Lints `files` (`(relative path, text)`; the first is the API description) with only
/// `rule` enabled and returns `file:line:col-line:col pointer: message` per finding, with
/// ` (severity)` after the message when the finding is reported below its rule's severity.
pub fn run(rule: Rule, files: &[(&str, &str)]) -> Vec<String> {
    let sel = Selection::new(Preset::All, &[rule.into()], &[], &[]).unwrap();
    let (diags, root) = check_with(&sel, files);
    let prefix = format!("{}/", root.display());
    diags
        .iter()
        .map(|d| {
            let file = d.file.strip_prefix(&prefix).unwrap_or(&d.file);
            let lowered = crate::lookup(&d.rule)
                .filter(|m| m.severity != d.severity)
                .map(|_| format!(" ({})", d.severity.as_str()))
                .unwrap_or_default();
            format!(
                "{file}:{}:{}-{}:{} {}: [{}] {}{lowered}",
                d.range.start.line,
                d.range.start.column,
                d.range.end.line,
                d.range.end.column,
                d.pointer.as_deref().unwrap_or("-"),
                d.rule,
                d.message
            )
        })
        .collect()
}

/// Every `pass` case yields no finding of `rule`; every `fail` case yields at least one.
/// Returns the findings of the failing cases, for a snapshot.
pub fn test_rule(rule: Rule, pass: &[&str], fail: &[&str]) -> String {
    for (i, case) in pass.iter().enumerate() {
        let found = run(rule, &[("openapi.yaml", case)]);
        let own: Vec<&String> = found
            .iter()
            .filter(|f| f.contains(&format!("[{rule}]")))
            .collect();
        assert!(
            own.is_empty(),
            "pass case {i} of {rule} has findings: {own:#?}\n{case}"
        );
    }
    let mut out = String::new();
    for (i, case) in fail.iter().enumerate() {
        let found = run(rule, &[("openapi.yaml", case)]);
        assert!(
            found.iter().any(|f| f.contains(&format!("[{rule}]"))),
            "fail case {i} of {rule} has no finding: {found:#?}\n{case}"
        );

        out.push_str(&format!("# fail case {i}\n"));
        for f in found {
            out.push_str(&f);
            out.push('\n');
        }
    }
    out
}
