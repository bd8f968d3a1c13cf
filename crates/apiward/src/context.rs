//! Changed files, whole context. A file named on the command line that cannot be judged
//! alone (a fragment of a description, a Rust source, a crate's `Cargo.toml`) is analysed
//! with the project it belongs to: the project root is walked as `check ROOT` would walk it,
//! and only the findings located in the named files (and under named directories, and in
//! what named descriptions refer to) are reported. A per-file run therefore reports a part
//! of what the whole-project run reports, never more.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use apiward_spec::load::{canonical, looks_like_api, DocKind, Workspace};

use crate::discover::{self, Excludes, Found};

/// The project roots to walk for the named files that need their context (none when every
/// named file stands alone: descriptions and directories).
pub fn roots_needed(found: &Found, root_of: impl Fn(&Path) -> PathBuf) -> Vec<PathBuf> {
    // The whole file: key-sorted descriptions have `openapi:` far down.
    let fragment = |p: &Path| {
        apiward_diagnostics::read::read_file(p).is_ok_and(|bytes| !looks_like_api(&bytes))
    };
    let named_specs = found.specs.iter().filter(|(_, explicit)| *explicit);
    // A Rust file of no crate stands alone.
    let in_crate = |p: &&PathBuf| {
        let root = root_of(p);
        canonical(p)
            .ancestors()
            .skip(1)
            .take_while(|d| d.starts_with(canonical(&root)))
            .any(|d| d.join("Cargo.toml").is_file())
    };
    let mut roots: Vec<PathBuf> = Vec::new();
    let needing = found
        .named_rust
        .iter()
        .filter(in_crate)
        .chain(&found.manifests)
        .chain(named_specs.map(|(p, _)| p).filter(|p| fragment(p)));
    for p in needing {
        let r = root_of(p);
        if !roots.contains(&r) {
            roots.push(r);
        }
    }
    roots
}

/// Adds to `found` the files a walk of each root finds (as a directory walk would, so with
/// the same set-asides), except those already there.
pub fn widen(found: &mut Found, roots: &[PathBuf], excludes: Option<&Excludes>) {
    let walked = discover::discover(roots, excludes);
    let mut specs: HashSet<PathBuf> = found.specs.iter().map(|(p, _)| canonical(p)).collect();
    let mut rust: HashSet<PathBuf> = found.rust.iter().map(|p| canonical(p)).collect();
    for (p, explicit) in walked.specs {
        if specs.insert(canonical(&p)) {
            found.specs.push((p, explicit));
        }
    }
    for p in walked.rust {
        if rust.insert(canonical(&p)) {
            found.rust.push(p);
        }
    }
}

/// Where findings are reported in a run with context: the named files, everything under
/// the named directories and the named crates, and the documents a named description
/// refers to.
#[derive(Debug, Default)]
pub struct Focus {
    files: HashSet<PathBuf>,
    dirs: Vec<PathBuf>,
}

impl Focus {
    pub fn new(found: &Found, workspaces: &[&Workspace]) -> Focus {
        let mut focus = Focus::default();
        focus
            .dirs
            .extend(found.named_dirs.iter().map(|d| canonical(d)));
        focus.dirs.extend(
            found
                .manifests
                .iter()
                .map(|m| canonical(m.parent().unwrap_or(Path::new("."))))
                .map(|d| {
                    if d.as_os_str().is_empty() {
                        canonical(Path::new("."))
                    } else {
                        d
                    }
                }),
        );
        focus
            .files
            .extend(found.named_rust.iter().map(|p| canonical(p)));
        focus
            .files
            .extend(found.manifests.iter().map(|p| canonical(p)));
        let named: HashSet<PathBuf> = found
            .specs
            .iter()
            .filter(|(_, explicit)| *explicit)
            .map(|(p, _)| canonical(p))
            .collect();
        for ws in workspaces {
            for (i, doc) in ws.docs.iter().enumerate() {
                if doc.kind == DocKind::Api && named.contains(&doc.canonical) {
                    let reached = ws.reached_from(apiward_spec::load::DocId(i as u32));
                    focus
                        .files
                        .extend(reached.into_iter().map(|d| ws.doc(d).canonical.clone()));
                }
            }
        }
        focus.files.extend(named);
        focus
    }

    /// Whether a finding in `file` (a display path; empty for problems of the run itself)
    /// is reported.
    pub fn keeps(&self, file: &str) -> bool {
        if file.is_empty() {
            return true;
        }
        let place = canonical(Path::new(file));
        self.files.contains(&place) || self.dirs.iter().any(|d| place.starts_with(d))
    }
}

/// The named files that are no API description and that no description loaded refers to
/// (canonical paths, in the order named).
pub fn not_descriptions<'a>(found: &'a Found, workspaces: &[&Workspace]) -> Vec<&'a Path> {
    let loaded: HashSet<&Path> = workspaces
        .iter()
        .flat_map(|ws| ws.docs.iter().map(|d| d.canonical.as_path()))
        .collect();
    let skipped: HashSet<&Path> = workspaces
        .iter()
        .flat_map(|ws| ws.not_api.iter().map(PathBuf::as_path))
        .collect();
    found
        .specs
        .iter()
        .filter(|(_, explicit)| *explicit)
        .map(|(p, _)| p.as_path())
        .filter(|p| {
            let c = canonical(p);
            skipped.contains(c.as_path()) && !loaded.contains(c.as_path())
        })
        .collect()
}

/// Writes `(path, text)` files under `root`, with their directories (for tests).
#[cfg(test)]
pub(crate) fn write_tree(root: &Path, files: &[(&str, &str)]) {
    for (f, text) in files {
        std::fs::create_dir_all(root.join(f).parent().unwrap()).unwrap();
        std::fs::write(root.join(f), text).unwrap();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn focus_keeps_named_files_and_what_is_under_named_dirs() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path().canonicalize().unwrap();
        let files = [
            "api/a.yaml",
            "api/b.yaml",
            "svc/Cargo.toml",
            "svc/src/x.rs",
            "other/y.rs",
        ];
        write_tree(&d, &files.map(|f| (f, "x")));
        let found = Found {
            specs: vec![(d.join("api/a.yaml"), true), (d.join("api/b.yaml"), false)],
            manifests: vec![d.join("svc/Cargo.toml")],
            named_dirs: vec![d.join("other")],
            ..Found::default()
        };
        let focus = Focus::new(&found, &[]);
        let keeps = |f: &str| focus.keeps(&d.join(f).display().to_string());
        assert!(keeps("api/a.yaml"));
        assert!(!keeps("api/b.yaml"));
        assert!(keeps("svc/src/x.rs") && keeps("svc/Cargo.toml"));
        assert!(keeps("other/y.rs"));
        assert!(focus.keeps(""));
    }
}
