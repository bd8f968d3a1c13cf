//! Prints the route inventory of the Rust files under a directory as a table.
//!
//! `cargo run -p apiward_source --example inventory -- DIR [--json]`

use std::path::{Path, PathBuf};

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if p.is_dir() {
            if name != "target" && !name.starts_with('.') {
                collect(&p, out);
            }
        } else if name.ends_with(".rs") {
            out.push(p);
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let json = args.iter().any(|a| a == "--json");
    let Some(dir) = args.iter().find(|a| !a.starts_with("--")) else {
        eprintln!("usage: inventory DIR [--json]");
        std::process::exit(2);
    };
    let mut files = Vec::new();
    collect(Path::new(dir), &mut files);
    let start = std::time::Instant::now();
    let inv = apiward_source::inventory(&files, &apiward_source::SourceOptions::default());
    let elapsed = start.elapsed();
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&inv).expect("inventory serializes")
        );
        return;
    }
    println!(
        "{:<7} {:<38} {:<9} {:<9} {:<44} {:<40} registered",
        "METHOD", "PATH", "AUTH", "KIND", "HANDLER", "AUTH SOURCE"
    );
    for r in &inv.routes {
        println!(
            "{:<7} {:<38} {:<9} {:<9} {:<44} {:<40} {}:{}",
            r.method,
            r.path,
            r.auth.as_str(),
            format!("{:?}", r.kind).to_lowercase(),
            r.handler.as_deref().unwrap_or("-"),
            r.auth_source.as_deref().unwrap_or("-"),
            r.registration
                .file
                .strip_prefix(dir.as_str())
                .unwrap_or(&r.registration.file),
            r.registration.range.start.line
        );
    }
    for d in &inv.diagnostics {
        println!(
            "{}:{}: {}: {}",
            d.file, d.range.start.line, d.rule, d.message
        );
    }
    eprintln!(
        "{} routes; {} files parsed, {} skipped, {} unparsable; {:.1?}",
        inv.routes.len(),
        inv.files_parsed,
        inv.files_skipped,
        inv.diagnostics.len(),
        elapsed
    );
}
