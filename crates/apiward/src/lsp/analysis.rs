//! The analyses the server runs, with `check`'s settings and library calls: a description
//! (or the descriptions reaching a fragment) and a Rust crate. Files are read through
//! `apiward_diagnostics::read`, where open editors' texts stand in for the disk.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use apiward_diagnostics::{Diagnostic, LineIndex};
use apiward_spec::load::{looks_like_api, Candidate, LoadOptions, Workspace};

use super::Unit;
use crate::{discover, Settings};

/// Findings of a unit by file (canonical paths).
pub type Files = HashMap<PathBuf, Vec<Diagnostic>>;

pub struct Analysis {
    root: PathBuf,
    settings: Settings,
    /// The descriptions and fragments under the root (walked once, again after a change of
    /// files or of the config).
    candidates: Option<Vec<PathBuf>>,
    /// For each document, the descriptions known to reach it (their root documents).
    roots_of: HashMap<PathBuf, BTreeSet<PathBuf>>,
    /// The texts the last analysis read, with their line indexes.
    read: Vec<Read>,
}

/// A document an analysis read: its path (canonical), text and line index (the server
/// places the findings with it instead of indexing the text again).
pub type Read = (PathBuf, apiward_diagnostics::Text, LineIndex);

/// `check`'s arguments when none are given: the config found from the working directory.
impl Analysis {
    pub fn new(root: &Path) -> Analysis {
        Analysis {
            root: root.to_path_buf(),
            settings: settings_or_defaults(root).0,
            candidates: None,
            roots_of: HashMap::new(),
            read: Vec::new(),
        }
    }

    /// Reads `apiward.toml` again; its errors (the defaults are used meanwhile).
    pub fn reload_config(&mut self) -> Vec<Diagnostic> {
        let (settings, errors) = settings_or_defaults(&self.root);
        self.settings = settings;
        self.forget_files();
        errors
    }

    /// The documents the last analysis read.
    pub fn take_read(&mut self) -> Vec<Read> {
        std::mem::take(&mut self.read)
    }

    /// Notes the documents of a load as read.
    fn note_read(&mut self, ws: &Workspace) {
        self.read = ws
            .docs
            .iter()
            .map(|d| (d.canonical.clone(), d.text.clone(), d.lines.clone()))
            .collect();
    }

    /// Files were added, removed or saved: the walk is done again when next needed.
    pub fn forget_files(&mut self) {
        self.candidates = None;
    }

    fn candidates(&mut self) -> &[PathBuf] {
        let (root, settings) = (&self.root, &self.settings);
        self.candidates.get_or_insert_with(|| {
            let mut found =
                discover::discover(std::slice::from_ref(root), settings.excludes.as_ref());
            if !settings.include_superseded {
                discover::set_aside_superseded(&mut found);
            }
            found.specs.into_iter().map(|(p, _)| p).collect()
        })
    }

    /// Every description and fragment under the root, as a walk finds them.
    fn walked(&mut self) -> Vec<Candidate> {
        let paths = self.candidates().iter();
        paths
            .map(|p| Candidate {
                path: p.clone(),
                explicit: false,
            })
            .collect()
    }

    fn load_options(&self, input: &Path) -> LoadOptions {
        LoadOptions {
            root: crate::project_root(input, None, self.settings.config_dir.as_deref(), &self.root),
            max_file_size: self.settings.max_file_size,
            include_templates: self.settings.include_superseded,
        }
    }

    fn excluded(&self, path: &Path) -> bool {
        self.settings
            .excludes
            .as_ref()
            .is_some_and(|x| x.matches(path))
    }

    /// Lints the description `path` is, or those that reach it (a fragment); the units of
    /// every description linted.
    pub fn spec(&mut self, path: &Path) -> Vec<(Unit, Files)> {
        // Tests of the server's resilience make an analysis panic (the release build's
        // tests too: the variable is read by no one else).
        let fail = std::env::var_os("APIWARD_LSP_TEST_PANIC");
        assert!(
            fail.is_none_or(|f| !path.ends_with(f)),
            "APIWARD_LSP_TEST_PANIC"
        );
        if self.excluded(path) {
            return vec![(Unit::Spec(path.to_path_buf()), Files::new())];
        }
        let is_api = apiward_diagnostics::read::read_file(path).is_ok_and(|b| looks_like_api(&b));
        let known = self.roots_of.get(path).cloned();
        let (candidates, requested): (Vec<Candidate>, Vec<PathBuf>) = match (is_api, known) {
            // A description, or a file no description reaches: alone.
            (true, _) => (vec![explicit(path)], vec![path.to_path_buf()]),
            (false, Some(roots)) if roots.is_empty() => {
                (vec![explicit(path)], vec![path.to_path_buf()])
            }
            (false, Some(roots)) => (
                roots.iter().map(|p| explicit(p)).collect(),
                roots.into_iter().collect(),
            ),
            // A fragment not met yet: every description of the workspace is loaded, to
            // find those that reach it.
            (false, None) => {
                let mut all = self.walked();
                if !all.iter().any(|c| c.path == path) {
                    all.push(explicit(path));
                }
                (all, Vec::new())
            }
        };
        let ws = Workspace::load(&candidates, &self.load_options(path));
        let checked = apiward_rules::check_specs(&ws, &self.settings.selection);
        let mut units = self.assign(&ws, checked.diagnostics, &requested);
        self.note_read(&ws);
        self.roots_of.entry(path.to_path_buf()).or_default();
        // Findings an earlier load could place in no description (a fragment that did not
        // parse) were kept under the file itself.
        if !requested.iter().any(|r| r == path) {
            units.push((Unit::Spec(path.to_path_buf()), Files::new()));
        }
        drop_later((ws, checked.apis));
        units
    }

    /// Shares out the findings of a load among the descriptions whose documents hold them,
    /// and notes which descriptions reach which documents. A finding in no description's
    /// documents goes to the description asked for (when one was), else to its own file.
    fn assign(
        &mut self,
        ws: &Workspace,
        found: Vec<Diagnostic>,
        requested: &[PathBuf],
    ) -> Vec<(Unit, Files)> {
        let mut units: BTreeMap<PathBuf, Files> = requested
            .iter()
            .map(|r| (r.clone(), Files::new()))
            .collect();
        let reach: Vec<(PathBuf, BTreeSet<PathBuf>)> = ws
            .api_docs()
            .map(|api| {
                let docs = ws.reached_from(api).into_iter();
                let files = docs.map(|d| ws.doc(d).canonical.clone()).collect();
                (ws.doc(api).canonical.clone(), files)
            })
            .collect();
        for (root, files) in &reach {
            for roots in self.roots_of.values_mut() {
                roots.remove(root);
            }
            for f in files {
                self.roots_of
                    .entry(f.clone())
                    .or_default()
                    .insert(root.clone());
            }
            units.entry(root.clone()).or_default();
        }
        let mut canonical: HashMap<String, PathBuf> = HashMap::new();
        for d in found {
            let file = if let Some(f) = canonical.get(&d.file) {
                f.clone()
            } else {
                let f = super::canonical(&self.root.join(&d.file));
                canonical.insert(d.file.clone(), f.clone());
                f
            };
            let mut owners: Vec<&PathBuf> = reach
                .iter()
                .filter(|(_, files)| files.contains(&file))
                .map(|(root, _)| root)
                .collect();
            if owners.is_empty() {
                owners = requested.iter().collect();
            }
            let owners: Vec<PathBuf> = if owners.is_empty() {
                vec![file.clone()]
            } else {
                owners.into_iter().cloned().collect()
            };
            // Each owner but the last gets a copy; the last, the finding.
            let (last, others) = owners.split_last().expect("at least one owner");
            for o in others {
                let files = units.entry(o.clone()).or_default();
                files.entry(file.clone()).or_default().push(d.clone());
            }
            let files = units.entry(last.clone()).or_default();
            files.entry(file).or_default().push(d);
        }
        units
            .into_iter()
            .map(|(root, files)| (Unit::Spec(root), files))
            .collect()
    }

    /// Analyses the crate (or cargo workspace) in `dir` ([`crate_dir`] of a Rust file): its
    /// own rules, and its routes held against the workspace's descriptions (which are linted
    /// again on the way).
    pub fn krate(&mut self, dir: &Path) -> Vec<(Unit, Files)> {
        let dir = dir.to_path_buf();
        let found = discover::discover(std::slice::from_ref(&dir), self.settings.excludes.as_ref());
        let s = &self.settings;
        let (inv, mut found_in_code) =
            apiward_rules::scan_rust(&found.rust, &s.source_opts, &s.selection, &s.rust_rules);
        found_in_code.extend(crate::rust_input_problems(&inv, &s.selection));
        found_in_code.extend(apiward_rules::cross::incomplete_inventory(
            &inv,
            &s.selection,
        ));
        let specs = self.walked();
        let ws = Workspace::load(&specs, &self.load_options(&self.root));
        let s = &self.settings;
        let mut checked = apiward_rules::check_specs(&ws, &s.selection);
        apiward_rules::cross::infer_mounts(&mut checked.apis, &inv);
        found_in_code.extend(apiward_rules::cross::check(
            &ws,
            &checked.apis,
            &inv,
            &s.cross,
            &s.selection,
        ));
        let mut files = Files::new();
        for d in found_in_code {
            let file = super::canonical(&self.root.join(&d.file));
            files.entry(file).or_default().push(d);
        }
        let mut units = self.assign(&ws, checked.diagnostics, &[]);
        self.note_read(&ws);
        units.push((Unit::Crate(dir), files));
        drop_later((ws, checked.apis, inv));
        units
    }
}

/// Frees a load's trees on another thread: node by node, a 3 MB description takes
/// milliseconds that the findings need not wait for.
fn drop_later<T: Send + 'static>(value: T) {
    if let Err(e) = std::thread::Builder::new().spawn(move || drop(value)) {
        eprintln!("apiward lsp: cannot start a thread ({e}); freeing in place");
    }
}

fn explicit(path: &Path) -> Candidate {
    Candidate {
        path: path.to_path_buf(),
        explicit: true,
    }
}

/// The settings of `check` run at `root` without arguments, and the config's errors (with
/// them, the settings are those without a config).
fn settings_or_defaults(root: &Path) -> (Settings, Vec<Diagnostic>) {
    let mut sources = apiward_diagnostics::SourceMap::new();
    let (settings, errors) =
        match crate::settings(&crate::check_args(None, false), root, &mut sources) {
            Ok(s) => (Ok(s), Vec::new()),
            Err(errors) => (
                crate::settings(&crate::check_args(None, true), root, &mut sources),
                errors,
            ),
        };
    let settings = settings.unwrap_or_else(|_| {
        unreachable!("the settings without a config and without arguments have no errors")
    });
    apiward_diagnostics::read::set_max_file_size(settings.max_file_size);
    (settings, errors)
}

/// What a Rust file is analysed with: the cargo workspace above its crate (auth extractors
/// and routers cross a workspace's crates), else its crate (the nearest directory above it
/// with a `Cargo.toml`), within the root; else the file's own directory.
pub fn crate_dir(path: &Path, root: &Path) -> PathBuf {
    let parent = path.parent().unwrap_or(root);
    let manifests: Vec<&Path> = parent
        .ancestors()
        .take_while(|d| d.starts_with(root))
        .filter(|d| d.join("Cargo.toml").is_file())
        .collect();
    let workspace = manifests.iter().find(|d| {
        apiward_diagnostics::read::read_text(&d.join("Cargo.toml"))
            .is_ok_and(|t| t.lines().any(|l| l.trim() == "[workspace]"))
    });
    workspace
        .or(manifests.first())
        .copied()
        .unwrap_or(parent)
        .to_path_buf()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rust_files_are_analysed_with_their_cargo_workspace() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        let files = [
            ("Cargo.toml", "[workspace]\nmembers = [\"api\"]\n"),
            ("api/Cargo.toml", "[package]\nname = \"api\"\n"),
            ("api/src/main.rs", ""),
            ("alone/Cargo.toml", "[package]\nname = \"alone\"\n"),
            ("alone/src/lib.rs", ""),
            ("scripts/x.rs", ""),
        ];
        crate::context::write_tree(&root, &files);
        assert_eq!(crate_dir(&root.join("api/src/main.rs"), &root), root);
        // Within the root: a workspace above it is not looked at.
        let alone = root.join("alone");
        assert_eq!(crate_dir(&alone.join("src/lib.rs"), &alone), alone);
        assert_eq!(
            crate_dir(&root.join("scripts/x.rs"), &root.join("scripts")),
            root.join("scripts")
        );
    }
}
