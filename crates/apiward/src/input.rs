//! Inputs handed over as streams: `-` (standard input), and a FIFO, a device, `/dev/stdin`
//! or a process substitution (`<(..)`, `/dev/fd/63`) named on the command line. Each is read
//! once, bounded by `max-file-size`, and then stands in for a file at its place (see
//! `apiward_diagnostics::read::set_stand_ins`): `--stdin-filename` for standard input, the
//! path itself for a FIFO in the project, and `<name>` in the working directory for the
//! pseudo-files of `/dev` and `/proc`, which have no directory of their own to resolve
//! `$ref`s from. Only what the user names is read this way: a FIFO met in a directory walk
//! or through a `$ref` is still refused, never waited on.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use apiward_diagnostics::read::ReadError;
use apiward_diagnostics::{display_path, Diagnostic, Rule};

/// The paths of the command line, streams read.
#[derive(Debug, Default)]
pub struct Inputs {
    /// Paths to discover as usual (files and directories).
    pub paths: Vec<PathBuf>,
    /// The places of the documents read from streams (they stand in for files there).
    pub streams: Vec<PathBuf>,
    /// Streams that could not be read (too large, unreadable): `io-error`/`file-too-large`.
    pub problems: Vec<Diagnostic>,
}

/// Whether `path` names standard input: `-`, `/dev/stdin`, `/dev/fd/0`, `/proc/self/fd/0`.
pub fn is_stdin(path: &Path) -> bool {
    path == Path::new("-")
        || ["/dev/stdin", "/dev/fd/0", "/proc/self/fd/0"]
            .iter()
            .any(|p| path == Path::new(p))
}

/// Whether `path` is something to read as a stream: standard input, or an existing path
/// that is neither a directory nor a regular file.
fn is_stream(path: &Path) -> bool {
    is_stdin(path) || std::fs::metadata(path).is_ok_and(|m| !m.is_dir() && !m.is_file())
}

/// Where a stream's document stands: standard input at `--stdin-filename` (else `<stdin>`
/// in the working directory), a pseudo-file of `/dev` or `/proc` at `<fd-63>` in the
/// working directory, any other (a FIFO in the project) at its own path.
fn place_of(path: &Path, stdin_filename: Option<&Path>) -> PathBuf {
    if is_stdin(path) {
        return stdin_filename.map_or_else(|| PathBuf::from("<stdin>"), Path::to_path_buf);
    }
    if path.starts_with("/dev") || path.starts_with("/proc") {
        let mut parts: Vec<String> = path
            .components()
            .rev()
            .take(2)
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        parts.reverse();
        return PathBuf::from(format!("<{}>", parts.join("-")));
    }
    path.to_path_buf()
}

/// Reads the streams among `paths` (standard input once, however often it is named).
/// `stdin_filename` without standard input among the paths is a usage error.
pub fn read_streams(
    paths: &[PathBuf],
    stdin_filename: Option<&Path>,
    limit: u64,
) -> Result<Inputs, String> {
    let mut inputs = Inputs::default();
    let mut docs: Vec<(PathBuf, Arc<[u8]>)> = Vec::new();
    let mut stdin_seen = false;
    for path in paths {
        if !is_stream(path) {
            inputs.paths.push(path.clone());
            continue;
        }
        let stdin = is_stdin(path);
        if stdin && std::mem::replace(&mut stdin_seen, true) {
            continue;
        }
        let place = place_of(path, stdin_filename);
        let read =
            apiward_diagnostics::read::read_stream((!stdin).then_some(path.as_path()), limit);
        match read {
            Ok(bytes) => {
                docs.push((place.clone(), bytes.into()));
                inputs.streams.push(place);
            }
            Err(e) => {
                let shown = display_path(&place);
                let (rule, message) = match e {
                    ReadError::TooLarge { limit, .. } => (
                        Rule::FileTooLarge,
                        format!("`{shown}` holds more than {limit} bytes; it was not linted (raise `max-file-size` in apiward.toml)"),
                    ),
                    e => (Rule::IoError, format!("cannot read `{shown}`: {e}")),
                };
                let mut d = crate::usage_error(message);
                d.rule = rule.into();
                d.file = shown;
                inputs.problems.push(d);
            }
        }
    }
    if stdin_filename.is_some() && !stdin_seen {
        return Err("`--stdin-filename` names the document read from standard input: pass `-` as a path too".into());
    }
    if !docs.is_empty() && !apiward_diagnostics::read::set_stand_ins(docs) {
        return Err("streams were read twice".into());
    }
    Ok(inputs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_of_streams() {
        let named = Some(Path::new("api/openapi.yaml"));
        assert_eq!(
            place_of(Path::new("-"), named),
            Path::new("api/openapi.yaml")
        );
        assert_eq!(place_of(Path::new("-"), None), Path::new("<stdin>"));
        assert_eq!(
            place_of(Path::new("/dev/stdin"), named),
            Path::new("api/openapi.yaml")
        );
        assert_eq!(
            place_of(Path::new("/dev/fd/63"), named),
            Path::new("<fd-63>")
        );
        assert_eq!(
            place_of(Path::new("/proc/self/fd/5"), None),
            Path::new("<fd-5>")
        );
        assert_eq!(
            place_of(Path::new("api/pipe.yaml"), None),
            Path::new("api/pipe.yaml")
        );
        assert!(is_stream(Path::new("-")));
        assert!(!is_stream(Path::new(".")));
        assert!(!is_stream(Path::new("Cargo.toml")));
    }
}
