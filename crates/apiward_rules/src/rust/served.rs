//! Which crates of a tree are part of a served API: the crates that register routes, and
//! every crate of the tree they depend on (`[dependencies]`, by package name, renamed or
//! not; not `[dev-dependencies]`). A load-testing tool, a test kit, a command-line client or
//! a client library beside the server is not served: what a rule about the HTTP service
//! finds there is not the service's problem, and is not reported. A tree where no crate
//! registers a route (a library, a crate apiward cannot read the routes of) keeps every
//! finding.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use apiward_source::Inventory;

/// The package name and the names of the packages a crate depends on (normal dependencies,
/// also target-specific ones), with `-` read as `_`.
fn manifest(dir: &Path) -> Option<(String, Vec<String>)> {
    let text = apiward_diagnostics::read::read_text(&dir.join("Cargo.toml")).ok()?;
    let doc: toml::Table = text.parse().ok()?;
    let name = doc.get("package")?.get("name")?.as_str()?.replace('-', "_");
    let mut deps = Vec::new();
    let mut tables: Vec<&toml::Table> = Vec::new();
    if let Some(t) = doc.get("dependencies").and_then(toml::Value::as_table) {
        tables.push(t);
    }
    if let Some(targets) = doc.get("target").and_then(toml::Value::as_table) {
        for t in targets.values() {
            if let Some(d) = t.get("dependencies").and_then(toml::Value::as_table) {
                tables.push(d);
            }
        }
    }
    for t in tables {
        for (key, v) in t {
            let package = v
                .get("package")
                .and_then(toml::Value::as_str)
                .unwrap_or(key);
            deps.push(package.replace('-', "_"));
        }
    }
    Some((name, deps))
}

/// The crate directories of `crate_dirs` that are served, given the files that register
/// routes in `inv`; `None` when no crate registers a route (nothing to tell apart).
pub(crate) fn served_crates(
    inv: &Inventory,
    files: &[PathBuf],
    crate_dirs: &[&Path],
) -> Option<HashSet<PathBuf>> {
    let by_file: HashMap<String, &Path> = files
        .iter()
        .zip(crate_dirs)
        .map(|(f, d)| (apiward_diagnostics::display_path(f), *d))
        .collect();
    let mut seeds: Vec<&Path> = inv
        .routes
        .iter()
        .filter_map(|r| by_file.get(&r.registration.file).copied())
        .collect();
    if seeds.is_empty() {
        return None;
    }
    let mut dirs: Vec<&Path> = crate_dirs.to_vec();
    dirs.sort();
    dirs.dedup();
    let manifests: HashMap<&Path, (String, Vec<String>)> = dirs
        .iter()
        .filter_map(|d| Some((*d, manifest(d)?)))
        .collect();
    let by_name: HashMap<&str, &Path> = manifests
        .iter()
        .map(|(d, (n, _))| (n.as_str(), *d))
        .collect();
    let mut served: HashSet<PathBuf> = HashSet::new();
    while let Some(d) = seeds.pop() {
        if !served.insert(d.to_path_buf()) {
            continue;
        }
        if let Some((_, deps)) = manifests.get(d) {
            seeds.extend(deps.iter().filter_map(|n| by_name.get(n.as_str()).copied()));
        }
    }
    Some(served)
}

#[cfg(test)]
mod tests {
    use super::manifest;

    #[test]
    fn manifests_name_their_normal_dependencies() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("Cargo.toml"),
            "[package]\nname = \"my-server\"\n\n[dependencies]\ncore-lib = { path = \"../core\" }\n\
             store = { package = \"my-store\", path = \"../store\" }\nserde = \"1\"\n\n\
             [target.'cfg(unix)'.dependencies]\nunix-bits = { workspace = true }\n\n\
             [dev-dependencies]\ntestkit = { path = \"../testkit\" }\n",
        )
        .unwrap();
        let (name, mut deps) = manifest(dir.path()).unwrap();
        deps.sort();
        assert_eq!(name, "my_server");
        assert_eq!(deps, ["core_lib", "my_store", "serde", "unix_bits"]);
    }
}
