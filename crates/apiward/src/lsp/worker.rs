//! The analyses run on a thread of their own, one at a time, so that the server goes on
//! reading the editor's messages (its changes, hovers and code actions) while a large
//! description or crate is analysed. The server hands over the next job only when the
//! previous one is done: changes that arrive meanwhile are coalesced into one job on the
//! newest text, and a result made from a text that has changed since is dropped.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Sender};

use super::analysis::{Analysis, Files, Read};
use super::Unit;

/// What to analyse.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Job {
    /// Read `apiward.toml` again (its errors are the `Config` unit).
    Config,
    /// A description, or the descriptions that reach a fragment.
    Spec(PathBuf),
    /// A crate or cargo workspace (its directory).
    Crate(PathBuf),
}

pub enum Task {
    /// Runs a job; the number is the server's count of text changes when it was handed over.
    Run(Job, u64),
    /// Files were added, removed or saved: walk the workspace again when next needed.
    Forget,
}

/// A job's outcome: its units, or the panic it died of.
pub struct Done {
    pub job: Job,
    pub started: u64,
    pub result: Result<Vec<(Unit, Files)>, String>,
    /// The documents it read.
    pub read: Vec<Read>,
}

/// Starts the analysis thread for the workspace `root`; each outcome goes to `done`.
pub fn spawn(root: PathBuf, done: impl Fn(Done) + Send + 'static) -> Sender<Task> {
    let (tx, rx) = channel::<Task>();
    std::thread::Builder::new()
        .name("apiward-lsp-analysis".into())
        .spawn(move || {
            let mut analysis = Analysis::new(&root);
            for task in rx {
                let (job, started) = match task {
                    Task::Forget => {
                        analysis.forget_files();
                        continue;
                    }
                    Task::Run(job, started) => (job, started),
                };
                // A panic in one analysis ends that analysis only (the panic hook has
                // written it to standard error, the server's log).
                let run = std::panic::AssertUnwindSafe(|| run(&mut analysis, &root, &job));
                let result = std::panic::catch_unwind(run).map_err(|p| {
                    p.downcast_ref::<&str>()
                        .map(std::string::ToString::to_string)
                        .or_else(|| p.downcast_ref::<String>().cloned())
                        .unwrap_or_default()
                });
                let read = analysis.take_read();
                done(Done {
                    job,
                    started,
                    result,
                    read,
                });
            }
        })
        .expect("the analysis thread starts");
    tx
}

fn run(analysis: &mut Analysis, root: &Path, job: &Job) -> Vec<(Unit, Files)> {
    match job {
        Job::Config => {
            let mut by_file = Files::new();
            for d in analysis.reload_config() {
                let file = super::canonical(&root.join(&d.file));
                by_file.entry(file).or_default().push(d);
            }
            vec![(Unit::Config, by_file)]
        }
        Job::Spec(path) => analysis.spec(path),
        Job::Crate(dir) => analysis.krate(dir),
    }
}
