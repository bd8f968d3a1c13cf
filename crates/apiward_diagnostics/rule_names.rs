// Shared by the build scripts of apiward_diagnostics and apiward_rules (`include!`d): the
// names of the rules, from the files of `rules/`.

/// The Rust name of a rule id: `tls-verification-disabled` → `TlsVerificationDisabled`.
fn pascal(id: &str) -> String {
    id.split('-')
        .map(|part| {
            let mut c = part.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect()
}

/// The files of `dir` with extension `ext`, ordered by their stem: the order of the ids, not
/// of the file names (`ssrf` before `ssrf-url-input`).
fn files(dir: &std::path::Path, ext: &str) -> Vec<std::path::PathBuf> {
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    files.sort_by_key(|p| p.file_stem().unwrap().to_os_string());
    files
}

fn stem(p: &std::path::Path) -> String {
    p.file_stem().unwrap().to_string_lossy().into_owned()
}
