//! `check --new-since GIT_REF`: the findings that are new since a commit. The project's
//! tree at that commit is exported (`git archive`) to a temporary directory, this binary
//! writes the baseline of the same paths there (`apiward baseline`, same options), and the
//! run then reports only what that baseline does not hold. Fingerprints are relative to the
//! project root (see `baseline`), so findings match across the two trees; findings in
//! files the commit does not have are all new.
//!
//! Nothing is fetched: `git archive` reads the local repository. The export is removed
//! when the run ends.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// A directory removed when dropped.
pub struct Scratch(pub PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn git(dir: &Path, args: &[&str]) -> Result<String, String> {
    let o = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if !o.status.success() {
        return Err(String::from_utf8_lossy(&o.stderr).trim().to_owned());
    }
    Ok(String::from_utf8_lossy(&o.stdout).trim().to_owned())
}

/// What the baseline run at the commit needs from this run.
pub struct Request<'a> {
    pub git_ref: &'a str,
    /// The project root (canonical).
    pub root: &'a Path,
    pub cwd: &'a Path,
    /// The paths of the command line (not `-`).
    pub paths: &'a [PathBuf],
    /// `check` options other than paths, output, format and config (`--select`, ...).
    pub options: Vec<OsString>,
    /// `--config FILE`: the copy at the commit is used when the file is in the tree.
    pub config: Option<&'a Path>,
}

/// Writes the baseline of the project at `git_ref`; returns its path (inside the returned
/// scratch directory), or `None` when none of the paths exists at that commit.
pub fn baseline_at(req: &Request<'_>) -> Result<(Scratch, Option<PathBuf>), String> {
    let top = git(req.root, &["rev-parse", "--show-toplevel"])
        .map_err(|e| format!("`--new-since` needs a git repository: {e}"))?;
    let top = PathBuf::from(top)
        .canonicalize()
        .map_err(|e| format!("cannot read the git work tree: {e}"))?;
    let commit = format!("{}^{{commit}}", req.git_ref);
    git(&top, &["rev-parse", "--verify", "--quiet", &commit])
        .map_err(|_| format!("`--new-since {}`: no such commit", req.git_ref))?;
    let scratch = Scratch(std::env::temp_dir().join(format!(
        "apiward-since-{}-{}",
        std::process::id(),
        apiward_report::fnv1a(&[req.git_ref, &top.display().to_string()])
    )));
    let tree = scratch.0.join("tree");
    std::fs::create_dir_all(&tree).map_err(|e| format!("cannot make a scratch directory: {e}"))?;
    export(&top, req.git_ref, &tree)?;
    // The same places in the exported tree.
    let there = |p: &Path| -> Option<PathBuf> {
        let abs = apiward_spec::load::canonical(&req.cwd.join(p));
        abs.strip_prefix(&top).ok().map(|rel| tree.join(rel))
    };
    let root = there(req.root).ok_or("the project root is outside the git work tree")?;
    let cwd = there(req.cwd)
        .filter(|d| d.is_dir())
        .unwrap_or_else(|| root.clone());
    let paths: Vec<PathBuf> = if req.paths.is_empty() {
        vec![cwd.clone()]
    } else {
        req.paths
            .iter()
            .filter_map(|p| there(p))
            .filter(|p| p.exists())
            .collect()
    };
    if paths.is_empty() {
        return Ok((scratch, None));
    }
    let mut options = req.options.clone();
    if let Some(c) = req.config {
        options.push("--config".into());
        options.push(
            there(c)
                .filter(|p| p.is_file())
                .unwrap_or_else(|| c.to_path_buf())
                .into(),
        );
    }
    let out = scratch.0.join("baseline.json");
    let exe = std::env::current_exe().map_err(|e| format!("cannot find apiward itself: {e}"))?;
    let o = Command::new(exe)
        .current_dir(&cwd)
        .arg("baseline")
        .arg("-o")
        .arg(&out)
        .arg("--root")
        .arg(&root)
        .args(&options)
        .arg("--")
        .args(&paths)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run apiward on `{}`: {e}", req.git_ref))?;
    if !o.status.success() {
        return Err(format!(
            "the findings at `{}` could not be listed (exit {}): {}",
            req.git_ref,
            o.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&o.stdout)
                .lines()
                .chain(String::from_utf8_lossy(&o.stderr).lines())
                .find(|l| l.contains("error") || l.contains('×'))
                .unwrap_or("")
                .trim()
        ));
    }
    Ok((scratch, Some(out)))
}

/// `git archive REF | tar -x -C dir`.
fn export(top: &Path, git_ref: &str, dir: &Path) -> Result<(), String> {
    let mut archive = Command::new("git")
        .arg("-C")
        .arg(top)
        .args(["archive", "--format=tar", git_ref])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot run git: {e}"))?;
    let tar_in = archive.stdout.take().ok_or("git archive gave no output")?;
    let untar = Command::new("tar")
        .arg("-x")
        .arg("-C")
        .arg(dir)
        .stdin(tar_in)
        .stderr(Stdio::null())
        .status()
        .map_err(|e| format!("cannot run tar: {e}"))?;
    let archived = archive.wait().map_err(|e| format!("git archive: {e}"))?;
    if !archived.success() || !untar.success() {
        return Err(format!("cannot export the tree of `{git_ref}`"));
    }
    Ok(())
}
