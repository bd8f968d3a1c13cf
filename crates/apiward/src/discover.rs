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

/// Directories of other projects' code copied in (`cargo vendor`'s `vendor/`,
/// `third_party/`), which the team does not write (golangci-lint skips them too): skipped
/// like [`NON_SERVICE_DIRS`] at the top of the walked directory only (a crate or a module
/// named `vendor` deeper down, a marketplace's seller service, is the team's code).
const VENDORED_DIRS: [&str; 4] = ["vendor", "vendored", "third_party", "third-party"];

#[derive(Debug, Default)]
pub struct Found {
    /// `(path, explicit)`.
    pub specs: Vec<(PathBuf, bool)>,
    pub rust: Vec<PathBuf>,
    /// Directories named on the command line (walked).
    pub named_dirs: Vec<PathBuf>,
    /// Rust files named on the command line (also in `rust`).
    pub named_rust: Vec<PathBuf>,
    /// `Cargo.toml` files named on the command line: their crates are the inputs.
    pub manifests: Vec<PathBuf>,
    /// Paths that could not be read, with why: named on the command line and missing or
    /// not accessible, or a directory of the walk that could not be listed.
    pub unreadable: Vec<(PathBuf, String)>,
}

/// Why a path could not be read, in the words of the diagnostics.
pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
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
    pub(crate) fn matches(&self, path: &Path) -> bool {
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
            Err(e) => {
                found.unreadable.push((path.clone(), io_reason(&e)));
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
                found.named_rust.push(apiward_spec::load::normalize(path));
            } else if path.file_name().is_some_and(|n| n == "Cargo.toml") {
                found.manifests.push(path.clone());
            } else {
                found.specs.push((path.clone(), true));
            }
            continue;
        }
        found.named_dirs.push(path.clone());
        let mut walked = Vec::new();
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
        for entry in walk {
            // A directory that cannot be listed (or an entry that cannot be looked at) is
            // reported, not skipped: its files would be missing from the run unannounced.
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    let at = e.path().unwrap_or(path);
                    let reason = match e.io_error() {
                        Some(io) => io_reason(io),
                        None => e.to_string(),
                    };
                    found
                        .unreadable
                        .push((apiward_spec::load::normalize(at), reason));
                    continue;
                }
            };
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
                    dir.components().enumerate().any(|(i, c)| {
                        let c = c.as_os_str();
                        NON_SERVICE_DIRS.iter().any(|n| c == *n)
                            || (i == 0 && VENDORED_DIRS.iter().any(|n| c == *n))
                    })
                });
                // A project template's file (`{{project-name}}-server/src/main.rs` of a
                // cargo-generate template): placeholders, not Rust that compiles or serves.
                let template = rel.components().any(|c| {
                    c.as_os_str()
                        .to_str()
                        .is_some_and(|s| s.contains("{{") && s.contains("}}"))
                });
                if !below_non_service && !template {
                    walked.push(p);
                }
            }
        }
        // A file no module of its crate declares is not compiled (a leftover
        // `src/api.rs` beside a `lib.rs` that names only `mod cache;`): its routes are not
        // served and its code runs nowhere.
        let mut modules = ModuleTree::default();
        found
            .rust
            .extend(walked.into_iter().filter(|f| modules.declared(f, 0)));
    }
    found.dedup();
    found
}

impl Found {
    /// A file reached twice (`apiward check crates/web .`: one path inside another, or the
    /// same one named twice) is read once: its routes and findings are not listed twice. A
    /// description named on the command line stays named.
    fn dedup(&mut self) {
        let cwd = std::env::current_dir().unwrap_or_default();
        let key = |p: &Path| apiward_spec::load::normalize(&cwd.join(p));
        let mut seen = std::collections::HashSet::new();
        self.rust.retain(|p| seen.insert(key(p)));
        let mut named = std::collections::HashMap::new();
        for (p, explicit) in &self.specs {
            *named.entry(key(p)).or_insert(false) |= *explicit;
        }
        let mut seen = std::collections::HashSet::new();
        self.specs.retain_mut(|(p, explicit)| {
            let k = key(p);
            *explicit = named[&k];
            seen.insert(k)
        });
        let mut seen = std::collections::HashSet::new();
        self.named_rust.retain(|p| seen.insert(key(p)));
        let mut seen = std::collections::HashSet::new();
        self.manifests.retain(|p| seen.insert(key(p)));
    }
}

/// Which files of a crate's `src/` its module tree reaches, told by reading the files that
/// could declare each: `src/a/b.rs` (or `src/a/b/mod.rs`) is module `b` of `src/a.rs` or
/// `src/a/mod.rs`, a file of `src/` is one of `lib.rs` or `main.rs`, and so on up to the
/// crate root. A file counts as declared when a file that could declare it names it
/// anywhere (`mod b;`, `pub mod b { .. }`, `cfg_if! { mod b; }`, `#[path = "b.rs"]`) and is
/// declared itself. Anything unusual (no `Cargo.toml` beside `src/`, a `[lib]` or `[[bin]]`
/// table that may move the root, a crate inside `src/`) counts as declared.
#[derive(Default)]
struct ModuleTree {
    memo: std::collections::HashMap<PathBuf, bool>,
    /// For each crate's `src/`, the file names its `#[path = ".."]` attributes give.
    path_attrs: std::collections::HashMap<PathBuf, std::collections::HashSet<String>>,
}

impl ModuleTree {
    fn declared(&mut self, file: &Path, depth: u32) -> bool {
        if depth > 32 {
            return true;
        }
        if let Some(&known) = self.memo.get(file) {
            return known;
        }
        let v = self.declared_uncached(file, depth);
        self.memo.insert(file.to_path_buf(), v);
        v
    }

    fn declared_uncached(&mut self, file: &Path, depth: u32) -> bool {
        let comps: Vec<&std::ffi::OsStr> = file
            .components()
            .map(std::path::Component::as_os_str)
            .collect();
        let Some(pos) = comps.iter().rposition(|c| *c == "src") else {
            return true;
        };
        let src: PathBuf = comps[..=pos].iter().collect();
        let crate_dir = src.parent().unwrap_or(Path::new("")).to_path_buf();
        let manifest = crate_dir.join("Cargo.toml");
        // Regular files only, bounded (a FIFO named `Cargo.toml` is not waited on).
        let Ok(text) = apiward_diagnostics::read::read_file(&manifest) else {
            return true;
        };
        let text = String::from_utf8_lossy(&text);
        if text.contains("[lib]") || text.contains("[[bin]]") {
            return true;
        }
        let rel: Vec<String> = comps[pos + 1..]
            .iter()
            .map(|c| c.to_string_lossy().into_owned())
            .collect();
        // A crate of its own below `src/`.
        for k in 1..rel.len() {
            let dir: PathBuf = src.join(rel[..k].iter().collect::<PathBuf>());
            if dir.join("Cargo.toml").is_file() {
                return true;
            }
        }
        // The crate root folder and its root files: `src/` with `lib.rs`/`main.rs`, or a
        // binary's `src/bin/x/` with `main.rs`.
        let (base, roots, rel): (PathBuf, &[&str], &[String]) = match rel.as_slice() {
            [f] if f == "lib.rs" || f == "main.rs" => return true,
            [b, _] if b == "bin" => return true,
            [b, _, f] if b == "bin" && f == "main.rs" => return true,
            [b, x, rest @ ..] if b == "bin" => (src.join("bin").join(x), &["main.rs"], rest),
            rest => (src.clone(), &["lib.rs", "main.rs"], rest),
        };
        let Some((last, dirs)) = rel.split_last() else {
            return true;
        };
        let (name, dirs) = if last == "mod.rs" {
            match dirs.split_last() {
                Some((m, d)) => (m.clone(), d),
                None => return true,
            }
        } else {
            (last.strip_suffix(".rs").unwrap_or(last).to_string(), dirs)
        };
        // The files that may declare a module of folder `dirs`: that folder's own module
        // file, or, when it has none, the file holding it inline (`mod util { mod auth; }`
        // in `main.rs` for `src/util/auth.rs`).
        let mut dirs = dirs;
        let declarers: Vec<PathBuf> = loop {
            let Some((d, up)) = dirs.split_last() else {
                break roots.iter().map(|r| base.join(r)).collect();
            };
            let parent: PathBuf = base.join(up.iter().collect::<PathBuf>());
            let own: Vec<PathBuf> = [
                parent.join(format!("{d}.rs")),
                parent.join(d).join("mod.rs"),
            ]
            .into_iter()
            .filter(|f| f.is_file())
            .collect();
            if !own.is_empty() {
                break own;
            }
            dirs = up;
        };
        declarers.iter().any(|d| {
            apiward_diagnostics::read::read_file(d).is_ok_and(|t| names_word(&t, name.as_bytes()))
                && self.declared(d, depth + 1)
        }) || file
            .file_name()
            .is_some_and(|n| self.path_attrs_of(&src).contains(&*n.to_string_lossy()))
    }

    /// The file names given by `#[path = "unit/x_tests.rs"]` in the files below `src`.
    fn path_attrs_of(&mut self, src: &Path) -> &std::collections::HashSet<String> {
        self.path_attrs.entry(src.to_path_buf()).or_insert_with(|| {
            let mut names = std::collections::HashSet::new();
            for e in WalkDir::new(src).into_iter().filter_map(Result::ok) {
                if !e.file_type().is_file() || !is_rust(e.path()) {
                    continue;
                }
                let Ok(text) = apiward_diagnostics::read::read_file(e.path()) else {
                    continue;
                };
                for i in memchr::memmem::find_iter(&text, b"#[path") {
                    let rest = &text[i..text.len().min(i + 512)];
                    let Some(open) = memchr::memchr(b'"', rest) else {
                        continue;
                    };
                    let Some(len) = memchr::memchr(b'"', &rest[open + 1..]) else {
                        continue;
                    };
                    let value = String::from_utf8_lossy(&rest[open + 1..open + 1 + len]);
                    if let Some(n) = Path::new(value.as_ref()).file_name() {
                        names.insert(n.to_string_lossy().into_owned());
                    }
                }
            }
            names
        })
    }
}

/// Whether `text` holds `word` as a whole identifier.
fn names_word(text: &[u8], word: &[u8]) -> bool {
    let ident = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    memchr::memmem::find_iter(text, word).any(|i| {
        (i == 0 || !ident(text[i - 1])) && text.get(i + word.len()).is_none_or(|&c| !ident(c))
    })
}

/// The Rust files of the workspace crates that the crates under the named directories
/// depend on by path (`x = { path = "../x" }`, or `x.workspace = true` with a path in the
/// workspace's `[workspace.dependencies]`), and theirs in turn, inside the project root
/// (`root_of` a named directory) and not found already: a service's folder named alone
/// still sees the constants, path types and helpers of its sibling crates (they are read
/// for what the service names, never linted: `SourceOptions::support`).
pub fn path_dependencies(
    found: &Found,
    excludes: Option<&Excludes>,
    root_of: impl Fn(&Path) -> PathBuf,
) -> Vec<PathBuf> {
    use apiward_spec::load::canonical;
    use std::collections::HashSet;
    const MAX_CRATES: usize = 64;
    let mut out = Vec::new();
    let mut listed: HashSet<PathBuf> = HashSet::new();
    for dir in &found.named_dirs {
        let root = canonical(&root_of(dir));
        let named = canonical(dir);
        // The whole project named: every crate of it is found already.
        if named == root {
            continue;
        }
        // Not the named folder nor one holding it (`path = ".."` to the workspace's root
        // crate would bring the whole tree).
        let inside =
            |d: &Path| d.starts_with(&root) && !d.starts_with(&named) && !named.starts_with(d);
        // The crates of the files found under the named directory.
        let mut seen_dirs: HashSet<PathBuf> = HashSet::new();
        let mut queue: Vec<PathBuf> = Vec::new();
        // Each folder looked up once (a crate holds many files).
        let mut crate_of: std::collections::HashMap<PathBuf, Option<PathBuf>> =
            std::collections::HashMap::new();
        for f in &found.rust {
            let Some(parent) = f.parent() else { continue };
            let crate_dir = crate_of
                .entry(parent.to_path_buf())
                .or_insert_with(|| {
                    let p = canonical(parent);
                    if !p.starts_with(&named) {
                        return None;
                    }
                    p.ancestors()
                        .take_while(|d| d.starts_with(&root))
                        .find(|d| d.join("Cargo.toml").is_file())
                        .map(Path::to_path_buf)
                })
                .clone();
            if let Some(c) = crate_dir {
                if seen_dirs.insert(c.clone()) {
                    queue.push(c);
                }
            }
        }
        let mut deps: Vec<PathBuf> = Vec::new();
        while let Some(c) = queue.pop() {
            for d in manifest_path_deps(&c, &root) {
                let d = canonical(&d);
                if inside(&d) && deps.len() < MAX_CRATES && seen_dirs.insert(d.clone()) {
                    deps.push(d.clone());
                    queue.push(d);
                }
            }
        }
        if deps.is_empty() {
            continue;
        }
        let have: HashSet<PathBuf> = found.rust.iter().map(|p| canonical(p)).collect();
        // Written from the working directory, as the inputs are.
        let cwd = std::env::current_dir()
            .map(|d| canonical(&d))
            .unwrap_or_default();
        // What the configuration excludes stays unread.
        for d in deps {
            for f in discover(&[d], excludes).rust {
                let f = f.strip_prefix(&cwd).map(Path::to_path_buf).unwrap_or(f);
                if !have.contains(&canonical(&f)) && listed.insert(f.clone()) {
                    out.push(f);
                }
            }
        }
    }
    out
}

/// The folders of a crate's path dependencies (its `[dependencies]`), read from its
/// manifest and, for `workspace = true`, from the nearest workspace manifest up to `root`.
fn manifest_path_deps(crate_dir: &Path, root: &Path) -> Vec<PathBuf> {
    let read = |p: &Path| -> Option<toml::Table> {
        let bytes = apiward_diagnostics::read::read_file(p).ok()?;
        std::str::from_utf8(&bytes)
            .ok()?
            .parse::<toml::Table>()
            .ok()
    };
    let Some(manifest) = read(&crate_dir.join("Cargo.toml")) else {
        return Vec::new();
    };
    let workspace = || {
        crate_dir
            .ancestors()
            .take_while(|d| d.starts_with(root))
            .find_map(|d| {
                let t = read(&d.join("Cargo.toml"))?;
                let deps = t.get("workspace")?.get("dependencies")?.as_table()?.clone();
                Some((d.to_path_buf(), deps))
            })
    };
    let mut ws: Option<Option<(PathBuf, toml::Table)>> = None;
    let mut out = Vec::new();
    let Some(deps) = manifest.get("dependencies").and_then(|d| d.as_table()) else {
        return out;
    };
    for (name, spec) in deps {
        if let Some(path) = spec.get("path").and_then(|p| p.as_str()) {
            out.push(crate_dir.join(path));
        } else if spec.get("workspace").and_then(toml::Value::as_bool) == Some(true) {
            if let Some((dir, table)) = ws.get_or_insert_with(workspace) {
                if let Some(path) = table
                    .get(name)
                    .and_then(|v| v.get("path"))
                    .and_then(|p| p.as_str())
                {
                    out.push(dir.join(path));
                }
            }
        }
    }
    out
}

/// What a folder name says of the descriptions below it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Edition {
    /// `archive`, `old`, `deprecated`, `legacy`, `previous`.
    Archived,
    /// `v1.10.x`, `1.2.0`, `v2`: a version, as numbers (`x` counts as the highest).
    Version,
    /// `master`, `main`, `latest`, `current`, `stable`, `next`, `dev`.
    Current,
}

fn edition(name: &str) -> Option<(Edition, Vec<u64>)> {
    let lower = name.to_ascii_lowercase();
    if matches!(
        lower.as_str(),
        "archive" | "archived" | "old" | "deprecated" | "legacy" | "previous" | "history"
    ) {
        return Some((Edition::Archived, Vec::new()));
    }
    if matches!(
        lower.as_str(),
        "master"
            | "main"
            | "latest"
            | "current"
            | "stable"
            | "next"
            | "dev"
            | "develop"
            | "unstable"
            | "edge"
            | "nightly"
    ) {
        return Some((Edition::Current, Vec::new()));
    }
    let digits = lower.strip_prefix('v').unwrap_or(&lower);
    let parts: Option<Vec<u64>> = digits
        .split('.')
        .map(|p| match p {
            "x" => Some(u64::MAX),
            _ if !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) => p.parse().ok(),
            _ => None,
        })
        .collect();
    parts.map(|v| (Edition::Version, v))
}

/// The `title` of a description, read cheaply from its first bytes (`title: X`,
/// `"title": "X"`); `None` when not found there.
fn title_of(path: &Path) -> Option<String> {
    let bytes = apiward_diagnostics::read::read_file(path).ok()?;
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(64 * 1024)]).into_owned();
    head.lines().find_map(|l| {
        let t = l.trim().trim_start_matches('"');
        let rest = t
            .strip_prefix("title")?
            .trim_start_matches('"')
            .trim_start();
        let v = rest.strip_prefix(':')?.trim().trim_end_matches(',');
        Some(v.trim_matches(|c| c == '"' || c == '\'').to_string())
    })
}

/// Whether a file names an OpenAPI or Swagger version as a key (`openapi: 3.1.0` at the
/// start of a line, `"swagger": "2.0"` anywhere: a serializer may write the key last, or
/// among the others): a description, not another JSON or YAML file kept in a
/// version-named folder (an authorization model's `v2.1/schema.json`).
fn names_openapi_version(path: &Path) -> bool {
    let Ok(bytes) = apiward_diagnostics::read::read_file(path) else {
        return false;
    };
    let b = bytes.as_slice();
    let yaml_key = |k: &[u8]| {
        b.starts_with(k)
            || memchr::memmem::find_iter(b, &[b"\n", k].concat())
                .next()
                .is_some()
    };
    let json_key = |k: &[u8]| {
        memchr::memmem::find_iter(b, k).any(|at| {
            b[at + k.len()..]
                .iter()
                .find(|c| !c.is_ascii_whitespace())
                .is_some_and(|c| *c == b':')
        })
    };
    yaml_key(b"openapi:")
        || yaml_key(b"swagger:")
        || json_key(b"\"openapi\"")
        || json_key(b"\"swagger\"")
}

/// Descriptions found by walking that are older copies of one beside them: the same file
/// under a sibling folder named for a version (`docs/api/v1.10.x/openapi.json` beside
/// `docs/api/master/openapi.json`) or an archive, with the same title. Each group keeps its
/// current edition (a `master`/`latest` folder, else the highest version); the others are
/// taken out of `found` and returned. Files named on the command line are never set aside.
pub fn set_aside_superseded(found: &mut Found) -> Vec<PathBuf> {
    use std::collections::HashMap;
    type Key = (Vec<std::ffi::OsString>, Vec<std::ffi::OsString>);
    let mut groups: HashMap<Key, Vec<(usize, Edition, Vec<u64>)>> = HashMap::new();
    for (i, (p, explicit)) in found.specs.iter().enumerate() {
        if *explicit {
            continue;
        }
        let comps: Vec<std::ffi::OsString> = p
            .components()
            .map(|c| c.as_os_str().to_os_string())
            .collect();
        // The innermost folder that names an edition.
        let Some((at, (ed, ver))) = comps[..comps.len().saturating_sub(1)]
            .iter()
            .enumerate()
            .rev()
            .find_map(|(j, c)| c.to_str().and_then(edition).map(|e| (j, e)))
        else {
            continue;
        };
        if !names_openapi_version(p) {
            continue;
        }
        let key = (comps[..at].to_vec(), comps[at + 1..].to_vec());
        groups.entry(key).or_default().push((i, ed, ver));
    }
    let mut aside = Vec::new();
    for members in groups.values().filter(|m| m.len() > 1) {
        let keep = members
            .iter()
            .max_by(|a, b| (a.1, &a.2).cmp(&(b.1, &b.2)))
            .map(|m| m.0)
            .expect("a group has members");
        let keep_title = title_of(&found.specs[keep].0);
        for m in members.iter().filter(|m| m.0 != keep) {
            // Another API that happens to share the file name stays.
            let title = title_of(&found.specs[m.0].0);
            if keep_title.is_some() && title.is_some() && keep_title != title {
                continue;
            }
            aside.push(m.0);
        }
    }
    aside.sort_unstable();
    let mut out = Vec::with_capacity(aside.len());
    for i in aside.into_iter().rev() {
        out.push(found.specs.remove(i).0);
    }
    out.reverse();
    out
}

/// Whether a folder name says its files are test inputs, mocks or examples, not a
/// service's own description: `mocks`, `__mocks__`, `eval-mocks`, `fixtures`, `testdata`,
/// `tests`, `e2e`, `test-engineering`; examples and teaching material (`examples`,
/// `samples`, `demo`, `tutorial`, `architect-course`, `exercises`): any of its words.
fn test_mock_or_example_dir(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let trimmed = lower.trim_matches('_');
    trimmed.split(['-', '_']).any(|w| {
        let one = w.strip_suffix('s').unwrap_or(w);
        matches!(
            one,
            "mock"
                | "fixture"
                | "testdata"
                | "test"
                | "e2e"
                | "example"
                | "sample"
                | "demo"
                | "tutorial"
                | "course"
                | "lesson"
                | "exercise"
                | "workshop"
        )
    })
}

/// Descriptions found by walking that sit in a folder of test inputs or mocks below the
/// walked directory (`infra/eval-mocks/openapi/search.yaml`, `tests/fixtures/bad.yaml`):
/// mocks of other APIs and inputs of tests, not the description of the code beside them.
/// Taken out of `found` and returned; files named on the command line are never set aside,
/// nor is anything when the walked directory itself is such a folder.
pub fn set_aside_test_inputs(found: &mut Found) -> Vec<PathBuf> {
    let mut aside = Vec::new();
    let named: Vec<PathBuf> = found
        .named_dirs
        .iter()
        .map(|d| apiward_spec::load::normalize(d))
        .collect();
    found.specs.retain(|(p, explicit)| {
        if *explicit {
            return true;
        }
        // Paths of a walk of `.` come without the `./`.
        let (walked, below) = named
            .iter()
            .filter_map(|d| Some((d.as_path(), p.strip_prefix(d).ok()?)))
            .min_by_key(|(_, rel)| rel.components().count())
            .unwrap_or((Path::new(""), p));
        let walked_test = walked
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(test_mock_or_example_dir);
        let test = !walked_test
            && below.parent().is_some_and(|dir| {
                dir.components()
                    .any(|c| c.as_os_str().to_str().is_some_and(test_mock_or_example_dir))
            });
        // Only descriptions: the other JSON and YAML files of tests are no candidates anyway
        // (and no note should count them).
        let test = test && apiward_spec::load::head_looks_like_api(p);
        if test {
            aside.push(p.clone());
        }
        !test
    });
    aside
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_and_mock_folders() {
        for d in [
            "mocks",
            "__mocks__",
            "eval-mocks",
            "fixtures",
            "testdata",
            "test_data",
            "tests",
            "e2e",
            "test-engineering",
            "contract-tests",
            "examples",
            "code-samples",
            "architect-course",
            "tutorials",
            "demo",
        ] {
            assert!(test_mock_or_example_dir(d), "{d}");
        }
        for d in [
            "api",
            "docs",
            "openapi",
            "latest",
            "contest",
            "attestation",
            "content",
            "democracy",
            "resources",
        ] {
            assert!(!test_mock_or_example_dir(d), "{d}");
        }
    }

    #[test]
    fn walks_and_skips() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        for f in [
            "api/openapi.yaml",
            "api/x.json",
            "src/main.rs",
            "template/{{project-name}}-server/src/main.rs",
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
        assert_eq!(found.unreadable.len(), 1);
        assert_eq!(found.unreadable[0].1, "no such file or directory");
    }

    #[test]
    fn test_inputs_and_mocks_are_set_aside() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        for f in [
            "openapi.yaml",
            "infra/eval-mocks/specs/search.yaml",
            "web/__mocks__/api.json",
            "crates/api/tests/fixtures/bad.yaml",
            "crates/api/testdata/x.yaml",
            "docs/contest/openapi.yaml",
            "docs/mockup/openapi.yaml",
        ] {
            let p = d.join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, "openapi: 3.0.0").unwrap();
        }
        let root = d.canonicalize().unwrap();
        let mut found = discover(std::slice::from_ref(&root), None);
        let aside: Vec<String> = set_aside_test_inputs(&mut found)
            .iter()
            .map(|p| p.strip_prefix(&root).unwrap().display().to_string())
            .collect();
        assert_eq!(
            aside,
            [
                "crates/api/testdata/x.yaml",
                "crates/api/tests/fixtures/bad.yaml",
                "infra/eval-mocks/specs/search.yaml",
                "web/__mocks__/api.json",
            ]
        );
        assert_eq!(found.specs.len(), 3);
        // A walk of the test folder itself, or a file named, lints them.
        let mut inside = discover(&[root.join("crates/api/tests")], None);
        assert!(set_aside_test_inputs(&mut inside).is_empty());
        let named = root.join("infra/eval-mocks/specs/search.yaml");
        let mut found = discover(std::slice::from_ref(&named), None);
        assert!(set_aside_test_inputs(&mut found).is_empty());
    }

    #[test]
    fn superseded_copies_are_set_aside() {
        let tmp = tempfile::tempdir().unwrap();
        let w = |rel: &str, title: &str| {
            let p = tmp.path().join(rel);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(
                &p,
                format!("openapi: 3.0.3\ninfo:\n  title: {title}\n  version: '1'\npaths: {{}}\n"),
            )
            .unwrap();
        };
        w("docs/api/master/openapi.yaml", "Store");
        w("docs/api/v1.10.x/openapi.yaml", "Store");
        w("docs/api/v1.9.x/openapi.yaml", "Store");
        w("docs/api/v2/openapi.yaml", "Billing");
        w("versions/1.2.0/spec.yaml", "Old");
        w("versions/1.3.0/spec.yaml", "Old");
        w("archive/other.yaml", "Lone");
        // Other JSON in version-named folders (an authorization model) is no description.
        for v in ["v2.0", "v2.1"] {
            let p = tmp.path().join(format!("authz/{v}/schema.json"));
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(&p, r#"{"schema_version":"1.1","type_definitions":[]}"#).unwrap();
        }
        // A description whose version key comes last (a serializer's order) is one.
        for v in ["v3", "v4"] {
            let p = tmp.path().join(format!("redoc/{v}/openapi.json"));
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            let body = format!(
                "{{\n  \"paths\": {{}},\n  \"info\": {{\"title\": \"Q\", \"version\": \"1\"}},\n{}  \"openapi\": \"3.0.1\"\n}}\n",
                "  \"x-pad\": \"..\",\n".repeat(5000)
            );
            std::fs::write(&p, body).unwrap();
        }
        let mut found = discover(&[tmp.path().to_path_buf()], None);
        let aside = set_aside_superseded(&mut found);
        let rel = |p: &Path| p.strip_prefix(tmp.path()).unwrap().display().to_string();
        let aside: Vec<String> = aside.iter().map(|p| rel(p)).collect();
        assert_eq!(
            aside,
            [
                "docs/api/v1.10.x/openapi.yaml",
                "docs/api/v1.9.x/openapi.yaml",
                "redoc/v3/openapi.json",
                "versions/1.2.0/spec.yaml"
            ]
        );
        let kept: Vec<String> = found.specs.iter().map(|(p, _)| rel(p)).collect();
        assert!(kept.contains(&"docs/api/master/openapi.yaml".to_string()));
        // Another API that shares the file name, and a lone archived file, stay.
        assert!(kept.contains(&"docs/api/v2/openapi.yaml".to_string()));
        assert!(kept.contains(&"archive/other.yaml".to_string()));
        assert!(kept.contains(&"versions/1.3.0/spec.yaml".to_string()));
        // Named on the command line, a copy is linted.
        let named = tmp.path().join("docs/api/v1.9.x/openapi.yaml");
        let mut found = discover(&[tmp.path().to_path_buf(), named.clone()], None);
        found.specs.retain(|(p, e)| *e || *p != named);
        assert!(!set_aside_superseded(&mut found).contains(&named));
    }
}
