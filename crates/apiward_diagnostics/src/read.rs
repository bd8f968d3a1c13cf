//! Reading the files of a project: regular files only, and no more than a limit.
//!
//! A FIFO blocks a read until something writes to it, and a device (`/dev/zero`, reached
//! through a symlink, say) never ends: every file apiward reads (descriptions, `$ref`
//! targets, Rust sources, `Cargo.toml`, `Rocket.toml`, its own config) goes through
//! [`read_file`], which refuses what is not a regular file before opening it, opens without
//! blocking, checks again what it opened, and reads at most the limit.

use std::fmt;
use std::io::Read;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

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
}
