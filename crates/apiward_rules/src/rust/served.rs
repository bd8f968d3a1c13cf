//! The crates of a tree and what each depends on, read once from their manifests
//! ([`CrateGraph`]), for two questions:
//!
//! - which crate's functions a call can reach ([`CrateGraph::reaches`]): a helper is
//!   followed only into the caller's crate or one it depends on;
//! - which crates are part of a served API ([`CrateGraph::served`]): the crates that register
//!   routes, and every crate of the tree they depend on (`[dependencies]`, by package name,
//!   renamed or not; not `[dev-dependencies]`). A load-testing tool, a test kit, a
//!   command-line client or a client library beside the server is not served: what a rule
//!   about the HTTP service finds there is not the service's problem, and is not reported.
//!   A tree where no crate registers a route (a library, a crate apiward cannot read the
//!   routes of) keeps every finding.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use apiward_source::Inventory;

use super::Place;

pub(crate) struct CrateGraph {
    /// The crate of each file (an index into `crates`).
    of: Vec<usize>,
    /// Package name (`-` as `_`) and dependency names of each crate; `None` without a
    /// manifest of its own.
    crates: Vec<Option<(String, HashSet<String>)>>,
}

impl CrateGraph {
    pub(crate) fn new(places: &[Place]) -> Self {
        let mut index: HashMap<&Path, usize> = HashMap::new();
        let mut crates = Vec::new();
        let of = places
            .iter()
            .map(|p| {
                *index.entry(p.crate_dir.as_path()).or_insert_with(|| {
                    crates.push(
                        apiward_diagnostics::read::read_text(&p.crate_dir.join("Cargo.toml"))
                            .ok()
                            .and_then(|m| manifest_deps(&m)),
                    );
                    crates.len() - 1
                })
            })
            .collect();
        CrateGraph { of, crates }
    }

    /// The package name (`-` as `_`) of the crate of file `i` (an index of the files the
    /// graph was made from).
    pub(crate) fn crate_name(&self, i: usize) -> Option<&str> {
        self.crates[self.of[i]].as_ref().map(|c| c.0.as_str())
    }

    /// Whether code in file `caller` can call a function of file `callee`: same crate, a
    /// crate it depends on, or a crate whose manifest is unknown.
    pub(crate) fn reaches(&self, caller: usize, callee: usize) -> bool {
        let (Some(&a), Some(&b)) = (self.of.get(caller), self.of.get(callee)) else {
            return true;
        };
        if a == b {
            return true;
        }
        match (&self.crates[a], &self.crates[b]) {
            (Some((_, deps)), Some((name, _))) => deps.contains(name),
            _ => true,
        }
    }

    /// For each file of `files` (the files the graph was built from), whether its crate is
    /// served, given the files that register routes in `inv`; `None` when no crate registers
    /// a route (nothing to tell apart).
    pub(crate) fn served(&self, inv: &Inventory, files: &[PathBuf]) -> Option<Vec<bool>> {
        let by_file: HashMap<String, usize> = files
            .iter()
            .zip(&self.of)
            .map(|(f, c)| (apiward_diagnostics::display_path(f), *c))
            .collect();
        let mut seeds: Vec<usize> = inv
            .routes
            .iter()
            .filter_map(|r| by_file.get(&r.registration.file).copied())
            .collect();
        if seeds.is_empty() {
            return None;
        }
        let by_name: HashMap<&str, usize> = self
            .crates
            .iter()
            .enumerate()
            .filter_map(|(i, c)| Some((c.as_ref()?.0.as_str(), i)))
            .collect();
        let mut served = vec![false; self.crates.len()];
        while let Some(c) = seeds.pop() {
            if std::mem::replace(&mut served[c], true) {
                continue;
            }
            if let Some((_, deps)) = &self.crates[c] {
                seeds.extend(deps.iter().filter_map(|n| by_name.get(n.as_str()).copied()));
            }
        }
        Some(self.of.iter().map(|c| served[*c]).collect())
    }
}

/// The package name and the names a crate's normal dependencies go by (also target-specific
/// ones; not dev- or build-dependencies), `-` read as `_`: the key, and the package it
/// renames (`store = { package = "my-store" }`).
pub(crate) fn manifest_deps(manifest: &str) -> Option<(String, HashSet<String>)> {
    let doc: toml::Table = manifest.parse().ok()?;
    let name = doc.get("package")?.get("name")?.as_str()?.replace('-', "_");
    let mut tables: Vec<&toml::Table> = Vec::new();
    tables.extend(doc.get("dependencies").and_then(toml::Value::as_table));
    if let Some(targets) = doc.get("target").and_then(toml::Value::as_table) {
        tables.extend(
            targets
                .values()
                .filter_map(|t| t.get("dependencies").and_then(toml::Value::as_table)),
        );
    }
    let mut deps = HashSet::new();
    for (key, v) in tables.into_iter().flatten() {
        deps.insert(key.replace('-', "_"));
        if let Some(package) = v.get("package").and_then(toml::Value::as_str) {
            deps.insert(package.replace('-', "_"));
        }
    }
    Some((name, deps))
}

#[cfg(test)]
mod tests {
    use super::manifest_deps;

    #[test]
    fn manifests_name_their_normal_dependencies() {
        let (name, deps) = manifest_deps(
            "[package]\nname = \"my-server\"\n\n[dependencies]\ncore-lib = { path = \"../core\" }\n\
             store = { package = \"my-store\", path = \"../store\" }\nserde = \"1\"\n\n\
             [target.'cfg(unix)'.dependencies]\nunix-bits = { workspace = true }\n\n\
             [dev-dependencies]\ntestkit = { path = \"../testkit\" }\n",
        )
        .unwrap();
        let mut deps: Vec<String> = deps.into_iter().collect();
        deps.sort();
        assert_eq!(name, "my_server");
        assert_eq!(
            deps,
            ["core_lib", "my_store", "serde", "store", "unix_bits"]
        );
    }
}
