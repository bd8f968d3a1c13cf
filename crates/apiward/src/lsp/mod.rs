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
//!   in a file clears it. A file is published again when its diagnostics or its text
//!   changed, not otherwise.
//! - The analyses run on a thread of their own ([`worker`]): the server answers hovers and
//!   code actions, and takes in changes, while one runs; a panic in one is told to the
//!   editor and the server goes on.

mod actions;
mod analysis;
mod publish;
mod text;
mod transport;
mod worker;

use std::borrow::Cow;
use std::cell::OnceCell;
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError, Sender};
use std::sync::Arc;
use std::time::{Duration, Instant};

use apiward_diagnostics::{Diagnostic, LineIndex};
use lsp_server::{ErrorCode, Message, Notification, Request, Response};
use serde_json::{json, Value};

use text::{path_to_uri, uri_to_path, Located, Span16};
use transport::Out;
use worker::{Done, Job, Task};

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

/// What the server waits for.
enum Event {
    Lsp(Message),
    /// The client closed standard input.
    Closed,
    Done(Done),
}

/// A document open in the editor.
struct Open {
    uri: String,
    version: Option<i64>,
    text: Arc<str>,
    /// Its line index, made when first needed.
    lines: OnceCell<LineIndex>,
}

impl Open {
    fn located(&self) -> Located<'_> {
        let lines = self.lines.get_or_init(|| LineIndex::new(&self.text));
        Located::with_lines(&self.text, Cow::Borrowed(lines))
    }
}

pub fn run() -> ExitCode {
    let (events_tx, events) = channel();
    let (out, out_rx) = channel::<Out>();
    let wrap: fn(Option<Message>) -> Event = |m| m.map_or(Event::Closed, Event::Lsp);
    let writer = transport::stdio(events_tx.clone(), wrap, out_rx);
    let code = match handshake(&events, &out) {
        Ok(params) => {
            let mut server = Server::new(out, events_tx, &params);
            server.watch_config(&params);
            match server.main_loop(&events) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("apiward lsp: {e}");
                    ExitCode::from(1)
                }
            }
        }
        Err(e) => {
            eprintln!("apiward lsp: {e}");
            drop(out);
            ExitCode::from(2)
        }
    };
    // Everything sent is written before the process ends (an analysis still running is
    // not waited for).
    let _ = writer.join();
    code
}

/// Waits for `initialize` and answers it; its parameters.
fn handshake(events: &Receiver<Event>, out: &Sender<Out>) -> Result<Value, String> {
    let capabilities = json!({
        "positionEncoding": "utf-16",
        "textDocumentSync": { "openClose": true, "change": 1, "save": { "includeText": false } },
        "hoverProvider": true,
        "codeActionProvider": { "codeActionKinds": ["quickfix"] },
    });
    loop {
        match events.recv() {
            Ok(Event::Lsp(Message::Request(r))) if r.method == "initialize" => {
                let result = json!({
                    "capabilities": capabilities,
                    "serverInfo": { "name": "apiward", "version": env!("CARGO_PKG_VERSION") },
                });
                let _ = out.send(Message::from(Response::new_ok(r.id, result)).into());
                return Ok(r.params);
            }
            Ok(Event::Lsp(Message::Request(r))) => {
                let code = ErrorCode::ServerNotInitialized as i32;
                let resp = Response::new_err(r.id, code, "not initialized yet".into());
                let _ = out.send(Message::from(resp).into());
            }
            Ok(Event::Lsp(Message::Notification(n))) if n.method == "exit" => {
                return Err("`exit` before `initialize`".into());
            }
            Ok(Event::Lsp(_)) => {}
            Ok(Event::Closed | Event::Done(_)) | Err(_) => {
                return Err("the client went away before `initialize`".into());
            }
        }
    }
}

struct Server {
    out: Sender<Out>,
    /// The workspace root (canonical): descriptions are looked for under it.
    root: PathBuf,
    /// To the analysis thread.
    worker: Sender<Task>,
    /// The job the analysis thread is running.
    busy: Option<Job>,
    open: HashMap<PathBuf, Open>,
    /// Findings by unit, then by file (canonical paths).
    units: HashMap<Unit, HashMap<PathBuf, Vec<Diagnostic>>>,
    /// Jobs to run, and when (the soonest first when the analysis thread is free).
    pending: HashMap<Job, Instant>,
    debounce: Duration,
    /// The crates analysed or asked for since the server started (directories).
    crates: BTreeSet<PathBuf>,
    /// Changes of descriptions' texts so far; and for each, the count at its last change.
    changes: u64,
    changed_at: HashMap<PathBuf, u64>,
    /// What was last published for a file: a digest of its diagnostics, and the count of
    /// changes of its text then.
    published: HashMap<PathBuf, (u64, u64)>,
    next_request: i32,
    shut_down: bool,
}

impl Server {
    fn new(out: Sender<Out>, events: Sender<Event>, params: &Value) -> Server {
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
        let worker = worker::spawn(root.clone(), move |done| {
            let _ = events.send(Event::Done(done));
        });
        Server {
            out,
            root,
            worker,
            busy: None,
            open: HashMap::new(),
            units: HashMap::new(),
            // The config's errors are published first.
            pending: HashMap::from([(Job::Config, Instant::now())]),
            debounce,
            crates: BTreeSet::new(),
            changes: 0,
            changed_at: HashMap::new(),
            published: HashMap::new(),
            next_request: 0,
            shut_down: false,
        }
    }

    fn send(&self, m: impl Into<Message>) {
        let _ = self.out.send(Out::Message(m.into()));
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
        self.send(req);
    }

    fn main_loop(&mut self, events: &Receiver<Event>) -> Result<(), String> {
        loop {
            self.dispatch();
            // While the analysis thread is busy, its outcome is what starts the next job.
            let due = match self.busy {
                Some(_) => None,
                None => self.pending.values().min().copied(),
            };
            let event = match due {
                Some(t) => match events.recv_timeout(t.saturating_duration_since(Instant::now())) {
                    Ok(e) => e,
                    Err(RecvTimeoutError::Timeout) => continue,
                    Err(RecvTimeoutError::Disconnected) => return Ok(()),
                },
                None => match events.recv() {
                    Ok(e) => e,
                    Err(_) => return Ok(()),
                },
            };
            match event {
                Event::Lsp(Message::Request(req)) => self.request(req),
                Event::Lsp(Message::Notification(n)) if n.method == "exit" => {
                    // Exit code 1 without a `shutdown` first, as the protocol says.
                    return if self.shut_down {
                        Ok(())
                    } else {
                        Err("`exit` before `shutdown`".into())
                    };
                }
                Event::Lsp(Message::Notification(n)) => self.notification(n),
                Event::Lsp(Message::Response(_)) => {}
                Event::Closed => return Ok(()),
                Event::Done(done) => self.done(done),
            }
        }
    }

    /// Hands the next due job to the analysis thread, when it is free (`apiward.toml`
    /// first: the others are run with its settings).
    fn dispatch(&mut self) {
        if self.busy.is_some() || self.shut_down {
            return;
        }
        let now = Instant::now();
        let next = self
            .pending
            .iter()
            .filter(|(_, t)| **t <= now)
            .min_by_key(|(job, t)| (**job != Job::Config, **t))
            .map(|(job, _)| job.clone());
        let Some(job) = next else {
            return;
        };
        self.pending.remove(&job);
        if self
            .worker
            .send(Task::Run(job.clone(), self.changes))
            .is_ok()
        {
            self.busy = Some(job);
        }
    }

    /// A job's outcome: its findings replace the units', unless a description they are in
    /// changed while it ran (then the job runs again, on the newest text).
    fn done(&mut self, done: Done) {
        self.busy = None;
        match done.result {
            Ok(units) => {
                let stale = units
                    .iter()
                    .flat_map(|(_, files)| files.keys())
                    .any(|f| self.changed_at.get(f).is_some_and(|&at| at > done.started));
                if stale {
                    let again = Instant::now() + self.debounce;
                    self.pending.entry(done.job.clone()).or_insert(again);
                } else {
                    // The open documents' line indexes, made by the loader on their text.
                    for (path, text, lines) in done.read {
                        if let Some(o) = self.open.get(&path) {
                            if o.lines.get().is_none() && *o.text == **text {
                                let _ = o.lines.set(lines);
                            }
                        }
                    }
                    self.replace(units);
                }
            }
            Err(panic) => {
                let what = match &done.job {
                    Job::Config => "apiward.toml".to_owned(),
                    Job::Spec(p) | Job::Crate(p) => p.display().to_string(),
                };
                let message = format!(
                    "apiward: the analysis of `{what}` failed (a bug: {panic}; the panic is in the server's log); the previous findings are kept"
                );
                eprintln!("{message}");
                self.send(Notification::new(
                    "window/logMessage".into(),
                    json!({ "type": 1, "message": message }),
                ));
            }
        }
        if done.job == Job::Config {
            self.lint_open();
        }
    }

    fn request(&mut self, req: Request) {
        let resp = if self.shut_down {
            let code = ErrorCode::InvalidRequest as i32;
            Response::new_err(req.id, code, "the server is shut down".into())
        } else {
            match req.method.as_str() {
                "shutdown" => {
                    self.shut_down = true;
                    Response::new_ok(req.id, Value::Null)
                }
                "textDocument/hover" | "textDocument/codeAction" => {
                    let result = self.answer(&req);
                    Response::new_ok(req.id, result)
                }
                other => {
                    let message = format!("apiward does not handle `{other}`");
                    Response::new_err(req.id, ErrorCode::MethodNotFound as i32, message)
                }
            }
        };
        self.send(resp);
    }

    fn answer(&self, req: &Request) -> Value {
        let uri = req.params["textDocument"]["uri"].as_str().unwrap_or("");
        let Some(path) = uri_to_path(uri) else {
            return Value::Null;
        };
        let path = canonical(&path);
        let answer = |here: &Located<'_>| match req.method.as_str() {
            "textDocument/hover" => {
                let found = self.merged(&path);
                actions::hover(here, &found, &req.params["position"])
            }
            _ => actions::code_actions(uri, &path, here, &req.params),
        };
        if let Some(o) = self.open.get(&path) {
            return answer(&o.located());
        }
        match apiward_diagnostics::read::read_text(&path) {
            Ok(text) => answer(&Located::new(&text)),
            Err(_) => Value::Null,
        }
    }

    fn notification(&mut self, n: Notification) {
        let doc = &n.params["textDocument"];
        let uri = doc["uri"].as_str().unwrap_or("").to_owned();
        let version = doc["version"].as_i64();
        let path = uri_to_path(&uri).map(|p| canonical(&p));
        let now = Instant::now();
        match (n.method.as_str(), path) {
            ("textDocument/didOpen", Some(path)) => {
                let text = doc["text"].as_str().unwrap_or("");
                self.set_text(&path, uri, version, text);
                match kind_of(&path) {
                    Kind::Spec => {
                        self.pending.insert(Job::Spec(path), now);
                    }
                    // A crate is analysed again on save, not for each of its files opened.
                    Kind::Rust | Kind::Manifest => {
                        let dir = analysis::crate_dir(&path, &self.root);
                        if self.crates.insert(dir.clone()) {
                            self.pending.insert(Job::Crate(dir), now);
                        }
                    }
                    Kind::Config => {
                        self.pending.insert(Job::Config, now);
                    }
                    Kind::Other => {}
                }
            }
            ("textDocument/didChange", Some(path)) => {
                // Full sync: the last change holds the whole text.
                let changes = n.params["contentChanges"].as_array();
                let Some(text) = changes.and_then(|c| c.last()?["text"].as_str()) else {
                    return;
                };
                self.set_text(&path, uri, version, text);
                if kind_of(&path) == Kind::Spec {
                    self.pending.insert(Job::Spec(path), now + self.debounce);
                }
            }
            ("textDocument/didSave", Some(path)) => match kind_of(&path) {
                Kind::Config => {
                    self.pending.insert(Job::Config, now);
                }
                Kind::Rust | Kind::Manifest => {
                    let dir = analysis::crate_dir(&path, &self.root);
                    self.crates.insert(dir.clone());
                    self.pending.insert(Job::Crate(dir), now);
                }
                Kind::Spec => {
                    let _ = self.worker.send(Task::Forget);
                }
                Kind::Other => {}
            },
            ("textDocument/didClose", Some(path)) => {
                self.open.remove(&path);
                apiward_diagnostics::read::set_overlay(&path, None);
                // The file on disk is what the description holds now.
                if kind_of(&path) == Kind::Spec {
                    self.text_changed(&path);
                    self.pending.insert(Job::Spec(path), now);
                }
            }
            ("workspace/didChangeWatchedFiles", _) => {
                let changes = n.params["changes"].as_array().cloned().unwrap_or_default();
                let paths: Vec<PathBuf> = changes
                    .iter()
                    .filter_map(|c| Some(canonical(&uri_to_path(c["uri"].as_str()?)?)))
                    .collect();
                if paths.iter().any(|p| kind_of(p) == Kind::Config) {
                    self.pending.insert(Job::Config, now);
                } else if !paths.is_empty() {
                    let _ = self.worker.send(Task::Forget);
                    self.changed_on_disk(&paths);
                }
            }
            _ => {}
        }
    }

    fn set_text(&mut self, path: &Path, uri: String, version: Option<i64>, text: &str) {
        let text: Arc<str> = Arc::from(text);
        apiward_diagnostics::read::set_overlay(path, Some(Arc::<[u8]>::from(text.clone())));
        if kind_of(path) == Kind::Spec {
            self.text_changed(path);
        }
        let lines = OnceCell::new();
        let open = Open {
            uri,
            version,
            text,
            lines,
        };
        self.open.insert(path.to_path_buf(), open);
    }

    /// A description's text changed: an analysis that started before is out of date.
    fn text_changed(&mut self, path: &Path) {
        self.changes += 1;
        self.changed_at.insert(path.to_path_buf(), self.changes);
    }

    /// Files changed on disk: those that are not open changed behind the editor's back (a
    /// checkout, another tool), and what is open and may read them is linted again: every
    /// open description for a description or fragment; a crate with an open file for a
    /// Rust file or manifest in it. (An open file's text is the editor's: its own saves
    /// change nothing.)
    fn changed_on_disk(&mut self, paths: &[PathBuf]) {
        let outside: Vec<&PathBuf> = paths
            .iter()
            .filter(|p| !self.open.contains_key(*p))
            .collect();
        let spec = outside.iter().any(|p| kind_of(p) == Kind::Spec);
        let due = Instant::now() + self.debounce;
        let mut jobs = Vec::new();
        for p in self.open.keys() {
            match kind_of(p) {
                Kind::Spec if spec => jobs.push(Job::Spec(p.clone())),
                Kind::Rust | Kind::Manifest => {
                    let dir = analysis::crate_dir(p, &self.root);
                    let code = |q: &&&PathBuf| matches!(kind_of(q), Kind::Rust | Kind::Manifest);
                    if outside.iter().filter(code).any(|q| q.starts_with(&dir)) {
                        jobs.push(Job::Crate(dir));
                    }
                }
                _ => {}
            }
        }
        for job in jobs {
            self.pending.entry(job).or_insert(due);
        }
    }

    /// Everything open is linted again (the settings changed).
    fn lint_open(&mut self) {
        let now = Instant::now();
        let open: Vec<PathBuf> = self.open.keys().cloned().collect();
        for p in open {
            match kind_of(&p) {
                Kind::Spec => {
                    self.pending.insert(Job::Spec(p), now);
                }
                Kind::Rust | Kind::Manifest => {
                    let dir = analysis::crate_dir(&p, &self.root);
                    self.crates.insert(dir.clone());
                    self.pending.insert(Job::Crate(dir), now);
                }
                _ => {}
            }
        }
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

    /// Publishes the diagnostics of `file`, unless they and its text are what they were
    /// when they were last published.
    fn publish(&mut self, file: &Path) {
        let body = {
            let found = self.merged(file);
            // Texts of the other ends of findings, read once for all of them.
            let mut others: HashMap<PathBuf, Option<(Arc<str>, LineIndex)>> = HashMap::new();
            let related = |r: &apiward_diagnostics::Related| -> Option<(String, Span16)> {
                let other = self.file_of(&r.file);
                if let Some(o) = self.open.get(&other) {
                    return Some((o.uri.clone(), o.located().span(&r.range)));
                }
                let read = others.entry(other.clone()).or_insert_with(|| {
                    let text: Arc<str> = apiward_diagnostics::read::read_text(&other).ok()?.into();
                    let lines = LineIndex::new(&text);
                    Some((text, lines))
                });
                let (text, lines) = read.as_ref()?;
                let range = Located::with_lines(text, Cow::Borrowed(lines)).span(&r.range);
                Some((path_to_uri(&other), range))
            };
            match self.open.get(file) {
                Some(o) => publish::diagnostics(&found, &o.located(), related),
                None => match apiward_diagnostics::read::read_text(file) {
                    Ok(text) => publish::diagnostics(&found, &Located::new(&text), related),
                    // Gone from disk and not open: nothing to place findings in.
                    Err(_) => b"[]".to_vec(),
                },
            }
        };
        let seen = (
            publish::digest(&body),
            self.changed_at.get(file).copied().unwrap_or(0),
        );
        if self.published.get(file) == Some(&seen) {
            return;
        }
        self.published.insert(file.to_path_buf(), seen);
        let (uri, version) = match self.open.get(file) {
            Some(o) => (o.uri.clone(), o.version),
            None => (path_to_uri(file), None),
        };
        let _ = self
            .out
            .send(Out::Raw(publish::message(&uri, version, &body)));
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
