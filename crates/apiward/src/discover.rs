//! Discovery: which files a run looks at. Directories are walked (skipping `target/`,
//! `.git/`, `node_modules/` and excluded paths); `.yaml`, `.yml` and `.json` files become
//! spec candidates (confirmed by content when loaded) and `.rs` files are counted as Rust
//! sources. Files named on the command line are always candidates.

use std::path::{Path, PathBuf};

use globset::GlobSet;
use walkdir::WalkDir;

const SKIP_DIRS: [&str; 5] = ["target", ".git", "node_modules", ".hg", ".svn"];

/// Cargo's directories of code that is not the service: integration tests, benchmarks and
/// examples. Rust files below them are skipped when a walk meets them (name the directory
/// to include it).
const NON_SERVICE_DIRS: [&str; 3] = ["tests", "benches", "examples"];

#[derive(Debug, Default)]
pub struct Found {
    /// `(path, explicit)`.
    pub specs: Vec<(PathBuf, bool)>,
    pub rust: Vec<PathBuf>,
    /// Paths named on the command line that do not exist.
    pub missing: Vec<PathBuf>,
}

fn is_spec_ext(p: &Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "yaml" | "yml" | "json"))
}

fn is_rust(p: &Path) -> bool {
    p.extension().is_some_and(|e| e == "rs")
}

/// `exclude` patterns are matched against paths relative to `base` (the config file's
/// directory).
pub struct Excludes {
    pub set: GlobSet,
    pub base: PathBuf,
}

impl Excludes {
    fn matches(&self, path: &Path) -> bool {
        let abs = if path.is_absolute() {
            path.to_path_buf()
        } else {
            std::env::current_dir().unwrap_or_default().join(path)
        };
        let abs = apiward_spec::load::normalize(&abs);
        let rel = abs.strip_prefix(&self.base).unwrap_or(&abs);
        self.set.is_match(rel)
    }
}

pub fn discover(paths: &[PathBuf], excludes: Option<&Excludes>) -> Found {
    let mut found = Found::default();
    let excluded = |p: &Path| excludes.is_some_and(|x| x.matches(p));
    for path in paths {
        let meta = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(_) => {
                found.missing.push(path.clone());
                continue;
            }
        };
        // A FIFO or a device named on the command line is handed on like a file: reading
        // refuses it, with a diagnostic (the walk below would skip it without a word).
        if !meta.is_dir() {
            if excluded(path) {
                continue;
            }
            if is_rust(path) {
                found.rust.push(apiward_spec::load::normalize(path));
            } else {
                found.specs.push((path.clone(), true));
            }
            continue;
        }
        let walk = WalkDir::new(path)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| {
                let skip_dir = e.depth() > 0
                    && e.file_type().is_dir()
                    && e.file_name()
                        .to_str()
                        .is_some_and(|n| SKIP_DIRS.contains(&n));
                !(skip_dir || (e.depth() > 0 && excluded(e.path())))
            });
        for entry in walk.filter_map(Result::ok) {
            if !entry.file_type().is_file() {
                continue;
            }
            // `./src/x.rs` → `src/x.rs`: paths are reported as the user would write them.
            let p = apiward_spec::load::normalize(entry.path());
            if is_spec_ext(&p) {
                found.specs.push((p, false));
            } else if is_rust(&p) {
                let rel = entry.path().strip_prefix(path).unwrap_or(entry.path());
                let below_non_service = rel.parent().is_some_and(|dir| {
                    dir.components()
                        .any(|c| NON_SERVICE_DIRS.iter().any(|n| c.as_os_str() == *n))
                });
                if !below_non_service {
                    found.rust.push(p);
                }
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_and_skips() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        for f in [
            "api/openapi.yaml",
            "api/x.json",
            "src/main.rs",
            "target/t.yaml",
            "node_modules/m/a.yaml",
            "legacy/old.yaml",
            "README.md",
        ] {
            let p = d.join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, "x").unwrap();
        }
        let mut b = globset::GlobSetBuilder::new();
        b.add(globset::Glob::new("legacy/**").unwrap());
        let ex = Excludes {
            set: b.build().unwrap(),
            base: d.canonicalize().unwrap(),
        };
        let found = discover(&[d.canonicalize().unwrap(), d.join("nope")], Some(&ex));
        let specs: Vec<String> = found
            .specs
            .iter()
            .map(|(p, _)| {
                p.strip_prefix(d.canonicalize().unwrap())
                    .unwrap()
                    .display()
                    .to_string()
            })
            .collect();
        assert_eq!(specs, ["api/openapi.yaml", "api/x.json"]);
        assert_eq!(found.rust.len(), 1);
        assert_eq!(found.missing.len(), 1);
    }
}
