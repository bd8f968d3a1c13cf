//! Paths relative to the repository. Diagnostics name files as the user reached them
//! (relative to the working directory); code scanning, GitHub annotations and GitLab's
//! Code Quality widget place them relative to the repository root, whatever directory the
//! tool was run from.

use std::path::{Component, Path, PathBuf};

/// The working directory of the run and the project root (both absolute).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anchor {
    pub cwd: PathBuf,
    pub root: PathBuf,
}

/// Where a diagnostic's file is, seen from the repository.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RepoPath<'a> {
    /// Under the root: the path from it, with `/` separators (`api/openapi.yaml`).
    Inside(String),
    /// Outside the root: its absolute path.
    Outside(String),
    /// No anchor, or no file: the path as the diagnostic gives it.
    AsGiven(&'a str),
}

impl RepoPath<'_> {
    /// The path to print: from the root when it is under it, else as well as can be said.
    pub fn as_str(&self) -> &str {
        match self {
            RepoPath::Inside(s) | RepoPath::Outside(s) => s,
            RepoPath::AsGiven(s) => s,
        }
    }
}

/// `a/./b/../c` → `a/c`, without touching the file system (the file may be gone).
fn lexical(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if matches!(out.components().next_back(), Some(Component::Normal(_))) {
                    out.pop();
                } else if !out.has_root() {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}

fn slashes(p: &Path) -> String {
    let s = p.to_string_lossy();
    if std::path::MAIN_SEPARATOR == '\\' {
        s.replace('\\', "/")
    } else {
        s.into_owned()
    }
}

impl Anchor {
    pub fn new(cwd: PathBuf, root: PathBuf) -> Anchor {
        Anchor {
            cwd: lexical(&cwd),
            root: lexical(&root),
        }
    }

    /// `file` (as a diagnostic names it) seen from the root.
    pub fn locate<'a>(&self, file: &'a str) -> RepoPath<'a> {
        if file.is_empty() {
            return RepoPath::AsGiven(file);
        }
        let abs = lexical(&self.cwd.join(file));
        match abs.strip_prefix(&self.root) {
            Ok(rel) if !rel.as_os_str().is_empty() => RepoPath::Inside(slashes(rel)),
            _ => RepoPath::Outside(slashes(&abs)),
        }
    }

    /// The root as a `file:` URI ending in `/` (SARIF's `originalUriBaseIds`).
    pub fn root_uri(&self) -> String {
        let mut uri = crate::sarif::uri(&slashes(&self.root));
        if !uri.ends_with('/') {
            uri.push('/');
        }
        uri
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn files_are_named_from_the_root() {
        let a = Anchor::new("/repo/api/v1".into(), "/repo".into());
        assert_eq!(
            a.locate("openapi.yaml"),
            RepoPath::Inside("api/v1/openapi.yaml".into())
        );
        assert_eq!(
            a.locate("../shared/x.yaml"),
            RepoPath::Inside("api/shared/x.yaml".into())
        );
        assert_eq!(
            a.locate("./a/./b/../c.yaml"),
            RepoPath::Inside("api/v1/a/c.yaml".into())
        );
        assert_eq!(
            a.locate("/repo/src/main.rs"),
            RepoPath::Inside("src/main.rs".into())
        );
        assert_eq!(
            a.locate("../../../elsewhere/x.yaml"),
            RepoPath::Outside("/elsewhere/x.yaml".into())
        );
        // `/repository` is not under `/repo`.
        assert_eq!(
            a.locate("/repository/x.yaml"),
            RepoPath::Outside("/repository/x.yaml".into())
        );
        assert_eq!(a.locate(""), RepoPath::AsGiven(""));
        assert_eq!(a.root_uri(), "file:///repo/");
        let spaced = Anchor::new("/srv/my api".into(), "/srv/my api/".into());
        assert_eq!(spaced.root_uri(), "file:///srv/my%20api/");
    }
}
