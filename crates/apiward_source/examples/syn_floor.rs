//! The floor a full `apiward check` of a Rust tree is measured against: read every `.rs`
//! file below the given directories and parse it with `syn::parse_file` (same `syn` build
//! and features as apiward), on all cores with rayon, nothing else. See BENCHMARKS.md
//! ("Rust workspace").
//!
//! ```text
//! cargo build --release -p apiward_source --example syn_floor
//! target/release/examples/syn_floor [--serial] [--service-only] [--failures] DIR|FILE...
//! ```
//!
//! - directories are walked like `apiward check` walks them: `target/`, `.git/`,
//!   `node_modules/`, `.hg/` and `.svn/` are skipped;
//! - `--service-only`: also skip `.rs` files below `tests/`, `benches/` and `examples/`, as
//!   apiward's discovery does (the default parses every `.rs` file of the tree);
//! - `--serial`: one file after the other on the main thread (one core); otherwise
//!   `RAYON_NUM_THREADS` sets the number of threads;
//! - `--failures`: list the files that do not parse.
//!
//! Prints `files lines bytes failures` parsed and the wall time of the parse pass (walk
//! excluded; the process time measured by hyperfine includes it).

use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;

// The same allocator as apiward, so that the floor is not slower for a reason apiward avoids.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const SKIP_DIRS: [&str; 5] = ["target", ".git", "node_modules", ".hg", ".svn"];
const NON_SERVICE_DIRS: [&str; 3] = ["tests", "benches", "examples"];

fn walk(dir: &Path, service_only: bool, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<(PathBuf, std::fs::FileType)> = rd
        .filter_map(std::result::Result::ok)
        .filter_map(|e| e.file_type().ok().map(|t| (e.path(), t)))
        .collect();
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    for (p, t) in entries {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        if t.is_dir() {
            let skip =
                SKIP_DIRS.contains(&name) || (service_only && NON_SERVICE_DIRS.contains(&name));
            if !skip {
                walk(&p, service_only, out);
            }
        } else if t.is_file() && name.ends_with(".rs") {
            out.push(p);
        }
    }
}

/// `(lines, bytes, parsed)` of one file; unreadable files count as failures.
fn parse_one(path: &Path) -> (usize, usize, bool) {
    let Ok(text) = std::fs::read_to_string(path) else {
        return (0, 0, false);
    };
    let lines = memchr::memchr_iter(b'\n', text.as_bytes()).count();
    let ok = syn::parse_file(&text).is_ok();
    // proc-macro2 is built with `span-locations` (the workspace enables it): every parsed
    // file stays in a thread-local source map until this is called. apiward calls it after
    // each file too; without it the floor's memory grows with the tree.
    proc_macro2::extra::invalidate_current_thread_spans();
    (lines, text.len(), ok)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let serial = args.iter().any(|a| a == "--serial");
    let service_only = args.iter().any(|a| a == "--service-only");
    let list_failures = args.iter().any(|a| a == "--failures");
    let roots: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    if roots.is_empty() {
        eprintln!("usage: syn_floor [--serial] [--service-only] [--failures] DIR|FILE...");
        std::process::exit(2);
    }
    let mut files = Vec::new();
    for r in roots {
        let p = Path::new(r);
        if p.is_file() {
            files.push(p.to_path_buf());
        } else {
            walk(p, service_only, &mut files);
        }
    }
    let start = Instant::now();
    let results: Vec<(usize, usize, bool)> = if serial {
        files.iter().map(|f| parse_one(f)).collect()
    } else {
        files.par_iter().map(|f| parse_one(f)).collect()
    };
    let elapsed = start.elapsed();
    let lines: usize = results.iter().map(|r| r.0).sum();
    let bytes: usize = results.iter().map(|r| r.1).sum();
    let failures = results.iter().filter(|r| !r.2).count();
    if list_failures {
        for (f, r) in files.iter().zip(&results) {
            if !r.2 {
                println!("failed: {}", f.display());
            }
        }
    }
    println!(
        "files {} lines {} bytes {} failures {} threads {} parse {:.1?}",
        files.len(),
        lines,
        bytes,
        failures,
        if serial {
            1
        } else {
            rayon::current_num_threads()
        },
        elapsed
    );
}
