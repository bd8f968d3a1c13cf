//! Reading the files of a project: regular files only, and no more than a limit.
//!
//! A FIFO blocks a read until something writes to it, and a device (`/dev/zero`, reached
//! through a symlink, say) never ends: every file apiward reads (descriptions, `$ref`
//! targets, Rust sources, `Cargo.toml`, `Rocket.toml`, its own config) goes through
//! [`read_file`], which refuses what is not a regular file before opening it, opens without
//! blocking, checks again what it opened, and reads at most the limit.
//!
//! A document the user hands over as a stream (`check -`, `/dev/stdin`, a FIFO or a process
//! substitution named on the command line) is read once, bounded, by [`read_stream`], and
//! then stands in for a file at its place ([`set_stand_ins`]): every later read of that place
//! gets the bytes read, so the stream is parsed, quoted and resolved against like a file.
//! The language server (`apiward lsp`) puts the unsaved text of each open editor there the
//! same way ([`set_overlay`]), for as long as the editor keeps it open.

use std::collections::HashMap;
use std::fmt;
use std::io::Read;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, LazyLock, RwLock};

/// The limit when none is configured (`max-file-size` in `apiward.toml`): 32 MiB.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 32 * 1024 * 1024;

static MAX_FILE_SIZE: AtomicU64 = AtomicU64::new(DEFAULT_MAX_FILE_SIZE);

/// Sets the limit of [`read_file`] for the rest of the run (`max-file-size`).
pub fn set_max_file_size(bytes: u64) {
    MAX_FILE_SIZE.store(bytes, Ordering::Relaxed);
}

/// The limit of [`read_file`].
pub fn max_file_size() -> u64 {
    MAX_FILE_SIZE.load(Ordering::Relaxed)
}

/// Documents read from streams and editors' unsaved texts, by the place they stand at (see
/// [`place_key`]).
static STAND_INS: LazyLock<RwLock<HashMap<PathBuf, Arc<[u8]>>>> = LazyLock::new(Default::default);
/// Whether the streams' stand-ins were set ([`set_stand_ins`] is once per run).
static STREAMS_SET: AtomicBool = AtomicBool::new(false);

fn stand_ins() -> std::sync::RwLockReadGuard<'static, HashMap<PathBuf, Arc<[u8]>>> {
    // A map of whole values: a panic elsewhere while it was held cannot leave it half-made.
    STAND_INS
        .read()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Sets, once per run, the documents that stand in for files: `(place, bytes)`. A later read
/// of a place (relative to the working directory, or absolute; symlinks resolved when it
/// exists) returns its bytes. Returns `false` if stand-ins were set before.
pub fn set_stand_ins(docs: Vec<(PathBuf, Arc<[u8]>)>) -> bool {
    if STREAMS_SET.swap(true, Ordering::SeqCst) {
        return false;
    }
    let mut map = STAND_INS
        .write()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    map.extend(docs.into_iter().map(|(p, b)| (place_key(&p), b)));
    true
}

/// An editor's unsaved text of the file at `path` (`None`: the editor closed it, the file on
/// disk is read again). Any number of times, from the language server.
pub fn set_overlay(path: &Path, text: Option<Arc<[u8]>>) {
    let key = place_key(path);
    let mut map = STAND_INS
        .write()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    match text {
        Some(t) => map.insert(key, t),
        None => map.remove(&key),
    };
}

/// The stand-in for `path`, if one was set.
pub fn stand_in(path: &Path) -> Option<Arc<[u8]>> {
    let map = stand_ins();
    if map.is_empty() {
        return None;
    }
    map.get(&place_key(path)).cloned()
}

/// Where a path is, as one key: absolute, `.` and `..` folded, symlinks resolved when it
/// exists.
fn place_key(path: &Path) -> PathBuf {
    if let Ok(c) = path.canonicalize() {
        return c;
    }
    let abs = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut out = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// Reads a stream the user named (standard input when `path` is `None`, else a FIFO, a
/// device or `/dev/fd/N`): it blocks until the writer is done, as `cat` does, and stops
/// at `limit` bytes.
pub fn read_stream(path: Option<&Path>, limit: u64) -> Result<Vec<u8>, ReadError> {
    let mut bytes = Vec::new();
    let cap = limit.saturating_add(1);
    match path {
        None => std::io::stdin().lock().take(cap).read_to_end(&mut bytes),
        Some(p) => std::fs::File::open(p)
            .map_err(ReadError::Io)?
            .take(cap)
            .read_to_end(&mut bytes),
    }
    .map_err(ReadError::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge {
            size: bytes.len() as u64,
            limit,
        });
    }
    Ok(bytes)
}

/// Why a file was not read.
#[derive(Debug)]
pub enum ReadError {
    /// A directory, FIFO, socket or device: what it is.
    NotAFile(&'static str),
    /// Larger than the limit.
    TooLarge {
        size: u64,
        limit: u64,
    },
    Io(std::io::Error),
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::NotAFile(what) => write!(f, "it is {what}, not a regular file"),
            ReadError::TooLarge { size, limit } => {
                write!(f, "it is {size} bytes, over the limit of {limit} bytes")
            }
            ReadError::Io(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for ReadError {}

/// What a file that is not a regular one is, in words.
fn kind_of(t: std::fs::FileType) -> Option<&'static str> {
    if t.is_file() {
        return None;
    }
    if t.is_dir() {
        return Some("a directory");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Some("a FIFO");
        }
        if t.is_socket() {
            return Some("a socket");
        }
        if t.is_char_device() || t.is_block_device() {
            return Some("a device");
        }
    }
    Some("a special file")
}

/// The bytes of the regular file at `path` (symlinks followed), if it holds at most the
/// limit of [`set_max_file_size`].
pub fn read_file(path: &Path) -> Result<Vec<u8>, ReadError> {
    read_file_within(path, max_file_size())
}

/// The first `n` bytes (or fewer) of the regular file at `path`.
pub fn read_head(path: &Path, n: u64) -> Result<Vec<u8>, ReadError> {
    read(path, n, false)
}

/// [`read_file`] with the limit given.
pub fn read_file_within(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    read(path, limit, true)
}

/// [`read_file`] as UTF-8 text (invalid UTF-8 is an I/O error of kind `InvalidData`).
pub fn read_text(path: &Path) -> Result<String, ReadError> {
    let bytes = read_file(path)?;
    String::from_utf8(bytes)
        .map_err(|e| ReadError::Io(std::io::Error::new(std::io::ErrorKind::InvalidData, e)))
}

fn read(path: &Path, limit: u64, whole: bool) -> Result<Vec<u8>, ReadError> {
    if let Some(bytes) = stand_in(path) {
        // Read within the limit already ([`read_stream`]).
        let n = if whole {
            bytes.len()
        } else {
            bytes
                .len()
                .min(usize::try_from(limit).unwrap_or(usize::MAX))
        };
        return Ok(bytes[..n].to_vec());
    }
    // Opening a FIFO for reading blocks until a writer comes: look before opening.
    let meta = std::fs::metadata(path).map_err(ReadError::Io)?;
    if let Some(what) = kind_of(meta.file_type()) {
        return Err(ReadError::NotAFile(what));
    }
    if whole && meta.len() > limit {
        return Err(ReadError::TooLarge {
            size: meta.len(),
            limit,
        });
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        // Should the file be swapped for a FIFO meanwhile, opening it does not block.
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(ReadError::Io)?;
    let meta = file.metadata().map_err(ReadError::Io)?;
    if let Some(what) = kind_of(meta.file_type()) {
        return Err(ReadError::NotAFile(what));
    }
    let expected = meta.len().min(limit);
    let mut bytes = Vec::with_capacity(usize::try_from(expected).unwrap_or(0));
    // One byte more than the limit tells a file that grew past it.
    let cap = if whole {
        limit.saturating_add(1)
    } else {
        limit
    };
    file.take(cap)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if whole && bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge {
            size: bytes.len() as u64,
            limit,
        });
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regular_files_are_read_within_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("a.yaml");
        std::fs::write(&f, b"0123456789").unwrap();
        assert_eq!(read_file_within(&f, 10).unwrap(), b"0123456789");
        assert!(matches!(
            read_file_within(&f, 9),
            Err(ReadError::TooLarge { size: 10, limit: 9 })
        ));
        assert_eq!(read_head(&f, 4).unwrap(), b"0123");
        assert!(matches!(
            read_file_within(dir.path(), 10),
            Err(ReadError::NotAFile("a directory"))
        ));
        assert!(matches!(
            read_file_within(&dir.path().join("none"), 10),
            Err(ReadError::Io(_))
        ));
    }

    /// An editor's text is read in place of the file, until it is taken back; also for a
    /// file not on disk yet.
    #[test]
    fn overlays_stand_in_until_removed() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("open.yaml");
        std::fs::write(&f, b"on disk").unwrap();
        set_overlay(&f, Some(Arc::from(&b"unsaved"[..])));
        assert_eq!(read_file(&f).unwrap(), b"unsaved");
        set_overlay(&f, None);
        assert_eq!(read_file(&f).unwrap(), b"on disk");
        let new = dir.path().join("new.yaml");
        set_overlay(&new, Some(Arc::from(&b"new"[..])));
        assert_eq!(read_text(&new).unwrap(), "new");
        set_overlay(&new, None);
        assert!(read_file(&new).is_err());
    }

    /// A FIFO is refused without being opened: opening it would wait for a writer.
    #[cfg(unix)]
    #[test]
    fn fifos_are_refused_not_waited_on() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("ref.yaml");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            eprintln!("skipped: no mkfifo");
            return;
        }
        assert!(matches!(
            read_file_within(&fifo, 10),
            Err(ReadError::NotAFile("a FIFO"))
        ));
        assert!(matches!(
            read_head(&fifo, 10),
            Err(ReadError::NotAFile("a FIFO"))
        ));
    }

    /// Devices, reached directly or through a symlink, are refused, not read without end.
    #[cfg(unix)]
    #[test]
    fn devices_and_links_to_them_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("zero.yaml");
        std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
        for p in [Path::new("/dev/zero"), &link] {
            assert!(
                matches!(
                    read_file_within(p, 1 << 40),
                    Err(ReadError::NotAFile("a device"))
                ),
                "{}",
                p.display()
            );
        }
    }

    /// A FIFO named by the user is read as a stream, to its end or the limit; what was read
    /// then stands in for a file at its place, also where no file exists.
    #[cfg(unix)]
    #[test]
    fn streams_are_read_bounded_and_stand_in_for_files() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("in.yaml");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            eprintln!("skipped: no mkfifo");
            return;
        }
        let writer = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::write(fifo, b"openapi: 3.1.0\n").unwrap())
        };
        let bytes = read_stream(Some(&fifo), 100).unwrap();
        writer.join().unwrap();
        assert_eq!(bytes, b"openapi: 3.1.0\n");
        let writer = {
            let fifo = fifo.clone();
            std::thread::spawn(move || {
                // The reader stops at the limit and closes: the writer may see a broken pipe.
                let _ = std::fs::write(fifo, [b'x'; 64]);
            })
        };
        assert!(matches!(
            read_stream(Some(&fifo), 10),
            Err(ReadError::TooLarge { limit: 10, .. })
        ));
        writer.join().unwrap();

        let place = dir.path().join("api/../api/openapi.yaml");
        assert!(set_stand_ins(vec![(
            place,
            Arc::from(&b"openapi: 3.0.0\n"[..])
        )]));
        assert!(!set_stand_ins(Vec::new()), "set once");
        let same = dir.path().join("api/openapi.yaml");
        assert_eq!(read_file(&same).unwrap(), b"openapi: 3.0.0\n");
        assert_eq!(read_head(&same, 4).unwrap(), b"open");
        assert!(read_file(&dir.path().join("api/other.yaml")).is_err());
    }
}
