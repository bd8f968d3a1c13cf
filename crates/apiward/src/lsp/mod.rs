//! `apiward lsp`: a Language Server over standard input and output.
//!
//! The analysis is `check`'s own (settings from `apiward.toml`, the loader with its `$ref`s,
//! the spec, Rust and cross rules); what the server adds is the editors' unsaved texts,
//! which stand in for the files on disk while they are open
//! (`apiward_diagnostics::read::set_overlay`), and bookkeeping of what was published where.
//!
//! - An OpenAPI document (YAML, JSON) is linted on open and, debounced, on every change: a
//!   description with everything it refers to, a fragment in the context of the
//!   descriptions of the workspace that reach it. Findings in every file of those
//!   descriptions are published for those files.
//! - A Rust file is analysed with its whole crate on open and on save; its routes are held
//!   against the workspace's descriptions (the cross rules).
//! - Findings come in units (a description, a crate, the config); a file's diagnostics are
//!   those of every unit that has some there, so that a unit that no longer finds anything
//!   in a file clears it.

mod actions;
mod analysis;
mod text;

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use apiward_diagnostics::{Diagnostic, Severity};
use lsp_server::{Connection, Message, Notification, Request, Response};
use serde_json::{json, Value};

use text::{path_to_uri, uri_to_path, Located};

/// Quiet time after a change before a description is linted again.
const DEBOUNCE: Duration = Duration::from_millis(200);

/// What produced a set of findings; a unit run again replaces its findings everywhere.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Unit {
    /// A description (its root document) and what it refers to.
    Spec(PathBuf),
    /// A Rust crate (its directory), with the cross findings of its routes.
    Crate(PathBuf),
    /// Errors of `apiward.toml`.
    Config,
}

/// A document open in the editor.
struct Open {
    uri: String,
    text: Arc<str>,
}

pub fn run() -> ExitCode {
    let (connection, io) = Connection::stdio();
    let capabilities = json!({
        "positionEncoding": "utf-16",
        "textDocumentSync": { "openClose": true, "change": 1, "save": { "includeText": false } },
        "hoverProvider": true,
        "codeActionProvider": { "codeActionKinds": ["quickfix"] },
    });
    let params = match connection.initialize(capabilities) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("apiward lsp: {e}");
            return ExitCode::from(2);
        }
    };
    let mut server = Server::new(&connection, &params);
    server.watch_config(&params);
    let code = match server.main_loop() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("apiward lsp: {e}");
            ExitCode::from(1)
        }
    };
    drop(server);
    drop(connection);
    let _ = io.join();
    code
}

struct Server<'c> {
    conn: &'c Connection,
    /// The workspace root (canonical): descriptions are looked for under it.
    root: PathBuf,
    analysis: analysis::Analysis,
    open: HashMap<PathBuf, Open>,
    /// Findings by unit, then by file (canonical paths).
    units: HashMap<Unit, HashMap<PathBuf, Vec<Diagnostic>>>,
    /// Descriptions to lint again, and when.
    pending: HashMap<PathBuf, Instant>,
    debounce: Duration,
    /// The crates analysed since the server started (directories).
    crates: BTreeSet<PathBuf>,
    next_request: i32,
}

impl<'c> Server<'c> {
    fn new(conn: &'c Connection, params: &Value) -> Server<'c> {
        let root = params["workspaceFolders"][0]["uri"]
            .as_str()
            .or(params["rootUri"].as_str())
            .and_then(uri_to_path)
            .or_else(|| params["rootPath"].as_str().map(PathBuf::from))
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_else(|| PathBuf::from("/"));
        let root = root.canonicalize().unwrap_or(root);
        // Relative paths of the config and of the findings are the root's.
        let _ = std::env::set_current_dir(&root);
        let debounce = params["initializationOptions"]["debounceMs"]
            .as_u64()
            .map_or(DEBOUNCE, Duration::from_millis);
        let mut server = Server {
            conn,
            analysis: analysis::Analysis::new(&root),
            root,
            open: HashMap::new(),
            units: HashMap::new(),
            pending: HashMap::new(),
            debounce,
            crates: BTreeSet::new(),
            next_request: 0,
        };
        server.reload_config();
        server
    }

    /// Asks the client to tell of changes to config files and descriptions, when it can be
    /// asked (a client that cannot still sends `didSave` for open files).
    fn watch_config(&mut self, params: &Value) {
        let dynamic = params["capabilities"]["workspace"]["didChangeWatchedFiles"]
            ["dynamicRegistration"]
            .as_bool()
            .unwrap_or(false);
        if !dynamic {
            return;
        }
        self.next_request += 1;
        let req = Request::new(
            self.next_request.into(),
            "client/registerCapability".into(),
            json!({ "registrations": [{
                "id": "apiward-watch",
                "method": "workspace/didChangeWatchedFiles",
                "registerOptions": { "watchers": [
                    { "globPattern": "**/{apiward.toml,.apiward.toml}" },
                    { "globPattern": "**/*.{yaml,yml,json}" },
                    { "globPattern": "**/{*.rs,Cargo.toml}" },
                ]},
            }]}),
        );
        let _ = self.conn.sender.send(req.into());
    }

    fn main_loop(&mut self) -> Result<(), String> {
        loop {
            let now = Instant::now();
            let due = self.pending.values().min().copied();
            let msg = match due {
                Some(t) if t <= now => None,
                Some(t) => match self.conn.receiver.recv_timeout(t - now) {
                    Ok(m) => Some(m),
                    Err(e) if e.is_timeout() => None,
                    Err(_) => return Ok(()),
                },
                None => match self.conn.receiver.recv() {
                    Ok(m) => Some(m),
                    Err(_) => return Ok(()),
                },
            };
            match msg {
                Some(Message::Request(req)) => {
                    if self.conn.handle_shutdown(&req).map_err(|e| e.to_string())? {
                        return Ok(());
                    }
                    let resp = match req.method.as_str() {
                        "textDocument/hover" | "textDocument/codeAction" => {
                            Response::new_ok(req.id.clone(), self.request(&req))
                        }
                        other => Response::new_err(
                            req.id.clone(),
                            lsp_server::ErrorCode::MethodNotFound as i32,
                            format!("apiward does not handle `{other}`"),
                        ),
                    };
                    let _ = self.conn.sender.send(resp.into());
                }
                Some(Message::Notification(n)) => {
                    if n.method == "exit" {
                        // Exit code 1 without a `shutdown` first, as the protocol says.
                        return Err("`exit` before `shutdown`".into());
                    }
                    self.notification(n);
                }
                Some(Message::Response(_)) => {}
                None => {
                    let now = Instant::now();
                    let due: Vec<PathBuf> = self
                        .pending
                        .iter()
                        .filter(|(_, t)| **t <= now)
                        .map(|(p, _)| p.clone())
                        .collect();
                    for p in due {
                        self.pending.remove(&p);
                        self.lint_spec(&p);
                    }
                }
            }
        }
    }

    fn request(&mut self, req: &Request) -> Value {
        let uri = req.params["textDocument"]["uri"].as_str().unwrap_or("");
        let Some(path) = uri_to_path(uri) else {
            return Value::Null;
        };
        let path = canonical(&path);
        let Some(text) = self.text_of(&path) else {
            return Value::Null;
        };
        match req.method.as_str() {
            "textDocument/hover" => {
                let found = self.merged(&path);
                actions::hover(&text, &found, &req.params["position"])
            }
            "textDocument/codeAction" => actions::code_actions(uri, &path, &text, &req.params),
            _ => Value::Null,
        }
    }

    fn notification(&mut self, n: Notification) {
        let uri = n.params["textDocument"]["uri"]
            .as_str()
            .unwrap_or("")
            .to_owned();
        let path = uri_to_path(&uri).map(|p| canonical(&p));
        match (n.method.as_str(), path) {
            ("textDocument/didOpen", Some(path)) => {
                let text = n.params["textDocument"]["text"].as_str().unwrap_or("");
                self.set_text(&path, uri, text);
                // A crate is analysed again on save, not for each of its files opened.
                let known = matches!(kind_of(&path), Kind::Rust | Kind::Manifest)
                    && self
                        .crates
                        .contains(&analysis::crate_dir(&path, &self.root));
                if !known {
                    self.lint(&path);
                }
            }
            ("textDocument/didChange", Some(path)) => {
                // Full sync: the last change holds the whole text.
                let changes = n.params["contentChanges"].as_array();
                let Some(text) = changes.and_then(|c| c.last()?["text"].as_str()) else {
                    return;
                };
                self.set_text(&path, uri, text);
                if kind_of(&path) == Kind::Spec {
                    self.pending.insert(path, Instant::now() + self.debounce);
                }
            }
            ("textDocument/didSave", Some(path)) => match kind_of(&path) {
                Kind::Config => self.config_changed(),
                Kind::Rust | Kind::Manifest => self.lint(&path),
                Kind::Spec => {
                    self.analysis.forget_files();
                }
                Kind::Other => {}
            },
            ("textDocument/didClose", Some(path)) => {
                self.open.remove(&path);
                apiward_diagnostics::read::set_overlay(&path, None);
                // The file on disk is what the description holds now.
                if kind_of(&path) == Kind::Spec {
                    self.pending.insert(path, Instant::now());
                }
            }
            ("workspace/didChangeWatchedFiles", _) => {
                let changes = n.params["changes"].as_array().cloned().unwrap_or_default();
                let paths: Vec<PathBuf> = changes
                    .iter()
                    .filter_map(|c| uri_to_path(c["uri"].as_str()?))
                    .collect();
                if paths.iter().any(|p| kind_of(p) == Kind::Config) {
                    self.config_changed();
                } else if !paths.is_empty() {
                    self.analysis.forget_files();
                }
            }
            _ => {}
        }
    }

    fn set_text(&mut self, path: &Path, uri: String, text: &str) {
        let text: Arc<str> = Arc::from(text);
        apiward_diagnostics::read::set_overlay(path, Some(Arc::<[u8]>::from(text.clone())));
        self.open.insert(path.to_path_buf(), Open { uri, text });
    }

    /// Lints what `path` belongs to, now.
    fn lint(&mut self, path: &Path) {
        match kind_of(path) {
            Kind::Spec => self.lint_spec(path),
            Kind::Rust | Kind::Manifest => self.lint_crate(path),
            Kind::Config => self.config_changed(),
            Kind::Other => {}
        }
    }

    fn lint_spec(&mut self, path: &Path) {
        self.guarded(path, analysis::Analysis::spec);
    }

    fn lint_crate(&mut self, path: &Path) {
        self.crates.insert(analysis::crate_dir(path, &self.root));
        self.guarded(path, analysis::Analysis::krate);
    }

    /// Runs one analysis and publishes what it found; a panic in it is told to the editor
    /// and the server goes on, with the findings it had.
    fn guarded(
        &mut self,
        path: &Path,
        analyse: fn(&mut analysis::Analysis, &Path) -> Vec<(Unit, analysis::Files)>,
    ) {
        let analysis = &mut self.analysis;
        let run = std::panic::AssertUnwindSafe(|| analyse(analysis, path));
        match std::panic::catch_unwind(run) {
            Ok(units) => self.replace(units),
            Err(_) => {
                let message = format!(
                    "apiward: the analysis of `{}` failed (a bug: the panic is in the server's log); the previous findings are kept",
                    path.display()
                );
                eprintln!("{message}");
                let n = Notification::new(
                    "window/logMessage".into(),
                    json!({ "type": 1, "message": message }),
                );
                let _ = self.conn.sender.send(n.into());
            }
        }
    }

    /// `apiward.toml` changed: the settings are read again and everything open is linted
    /// again with them.
    fn config_changed(&mut self) {
        self.reload_config();
        let open: Vec<PathBuf> = self.open.keys().cloned().collect();
        let mut crates = BTreeSet::new();
        for p in open {
            match kind_of(&p) {
                Kind::Spec => self.lint_spec(&p),
                Kind::Rust | Kind::Manifest
                    if crates.insert(analysis::crate_dir(&p, &self.root)) =>
                {
                    self.lint_crate(&p)
                }
                _ => {}
            }
        }
    }

    fn reload_config(&mut self) {
        let errors = self.analysis.reload_config();
        let mut by_file: HashMap<PathBuf, Vec<Diagnostic>> = HashMap::new();
        for d in errors {
            by_file.entry(self.file_of(&d.file)).or_default().push(d);
        }
        self.replace(vec![(Unit::Config, by_file)]);
    }

    /// Puts in the units' new findings and publishes every file whose findings may have
    /// changed: those the units had findings in before, and those they have now.
    fn replace(&mut self, units: Vec<(Unit, HashMap<PathBuf, Vec<Diagnostic>>)>) {
        let mut touched = BTreeSet::new();
        for (unit, files) in units {
            touched.extend(files.keys().cloned());
            if let Some(old) = self.units.insert(unit, files) {
                touched.extend(old.into_keys());
            }
        }
        self.units.retain(|_, files| !files.is_empty());
        for file in touched {
            self.publish(&file);
        }
    }

    /// The findings of every unit in `file`, each once.
    fn merged(&self, file: &Path) -> Vec<&Diagnostic> {
        let mut all: Vec<&Diagnostic> = self
            .units
            .values()
            .filter_map(|files| files.get(file))
            .flatten()
            .collect();
        // The code's findings meet the description's here, as in `check`.
        crate::drop_drifted(&mut all);
        apiward_diagnostics::sort_and_dedup(&mut all);
        all
    }

    fn publish(&self, file: &Path) {
        let found = self.merged(file);
        let uri = self
            .open
            .get(file)
            .map_or_else(|| path_to_uri(file), |o| o.uri.clone());
        let diagnostics: Vec<Value> = match self.text_of(file) {
            Some(text) => {
                let here = Located::new(&text);
                let mut others: HashMap<PathBuf, Option<Arc<str>>> = HashMap::new();
                found
                    .iter()
                    .map(|d| self.to_lsp(d, &here, &mut others))
                    .collect()
            }
            // Gone from disk and not open: nothing to place findings in.
            None => Vec::new(),
        };
        // Built as it is sent (`Notification::new` would copy the value).
        let n = Notification {
            method: "textDocument/publishDiagnostics".into(),
            params: json!({ "uri": uri, "diagnostics": diagnostics }),
        };
        let _ = self.conn.sender.send(n.into());
    }

    fn to_lsp(
        &self,
        d: &Diagnostic,
        here: &Located<'_>,
        others: &mut HashMap<PathBuf, Option<Arc<str>>>,
    ) -> Value {
        let related: Vec<Value> = d
            .related
            .iter()
            .filter_map(|r| {
                let file = self.file_of(&r.file);
                let text = others
                    .entry(file.clone())
                    .or_insert_with(|| self.text_of(&file))
                    .clone()?;
                Some(json!({
                    "location": { "uri": path_to_uri(&file), "range": Located::new(&text).range(&r.range) },
                    "message": r.message,
                }))
            })
            .collect();
        let mut v = json!({
            "range": here.range(&d.range),
            "severity": match d.severity {
                Severity::Error => 1,
                Severity::Warning => 2,
                Severity::Info => 3,
            },
            "code": d.rule,
            "source": "apiward",
            "message": d.message,
        });
        if !related.is_empty() {
            v["relatedInformation"] = Value::Array(related);
        }
        if let Some(p) = &d.pointer {
            v["data"] = json!({ "pointer": p });
        }
        v
    }

    /// The text of a file: the editor's when it is open, else the one on disk.
    fn text_of(&self, file: &Path) -> Option<Arc<str>> {
        if let Some(o) = self.open.get(file) {
            return Some(o.text.clone());
        }
        apiward_diagnostics::read::read_text(file)
            .ok()
            .map(Arc::from)
    }

    /// The canonical path of a diagnostic's file (relative ones are the root's).
    fn file_of(&self, file: &str) -> PathBuf {
        canonical(&self.root.join(file))
    }
}

fn canonical(p: &Path) -> PathBuf {
    apiward_spec::load::canonical(p)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Spec,
    Rust,
    Manifest,
    Config,
    Other,
}

fn kind_of(path: &Path) -> Kind {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if crate::config::CONFIG_NAMES.contains(&name) {
        return Kind::Config;
    }
    if name == "Cargo.toml" {
        return Kind::Manifest;
    }
    match path.extension().and_then(|e| e.to_str()) {
        Some("yaml" | "yml" | "json") => Kind::Spec,
        Some("rs") => Kind::Rust,
        _ => Kind::Other,
    }
}
