//! Generates the rule registry from the files of the repository:
//! - `rule_files.rs`: every `rules/*.toml` file, embedded, ordered as their ids (as
//!   `apiward_diagnostics::Rule`, whose variants are generated from the same names);
//! - `spec_rules.rs`: a module for each file of `src/checks/` named after a rule
//!   (`src/checks/basic_auth.rs` for `basic-auth`), and [`CHECKS`], the rules whose file
//!   implements `SpecRule` (`impl SpecRule for BasicAuth`);
//! - `rust_rules.rs`: the same for `src/rust/`, and `RUST_RULES`, the rules whose file
//!   implements `RustRule` (`impl super::RustRule for HardcodedSecret`).
//!
//! A new rule is its files (`scripts/new-rule`); no list is edited by hand.
use std::fmt::Write;
use std::path::{Path, PathBuf};

include!("../apiward_diagnostics/rule_names.rs");

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").unwrap());
    let rules = files(&manifest.join("../../rules"), "toml");
    let ids: Vec<String> = rules.iter().map(|p| stem(p)).collect();

    let mut out = String::from("pub(crate) static RULE_FILES: &[(&str, &str)] = &[\n");
    for f in &rules {
        println!("cargo:rerun-if-changed={}", f.display());
        let name = f.file_name().unwrap().to_string_lossy();
        let abs = f.canonicalize().unwrap();
        writeln!(
            out,
            "    ({name:?}, include_str!({:?})),",
            abs.display().to_string()
        )
        .unwrap();
    }
    out.push_str("];\n");
    std::fs::write(out_dir.join("rule_files.rs"), out).unwrap();

    let (mods, table) = rule_modules(
        &manifest.join("src/checks"),
        &ids,
        "impl SpecRule for ",
        "/// Every check of an API description, by rule (generated from `src/checks/`).\n\
         pub(crate) static CHECKS: &[(Rule, CheckFn)] = &[\n",
        |module, name| {
            format!("    (<{module}::{name} as SpecRule>::RULE, <{module}::{name} as SpecRule>::check),")
        },
    );
    std::fs::write(out_dir.join("spec_rules.rs"), mods + &table).unwrap();
    let (mods, table) = rule_modules(
        &manifest.join("src/rust"),
        &ids,
        "impl super::RustRule for ",
        "/// Every rule with a Rust check, ordered as their ids (generated from `src/rust/`).\n\
         pub(crate) static RUST_RULES: &[&dyn RustRule] = &[\n",
        |module, name| format!("    &{module}::{name},"),
    );
    std::fs::write(out_dir.join("rust_rules.rs"), mods + &table).unwrap();
}

/// A module for each file of `dir` named after a rule, and the table (`head`, a row per
/// module whose file holds `{marker}{Name}`, `]`).
fn rule_modules(
    dir: &Path,
    ids: &[String],
    marker: &str,
    head: &str,
    row: impl Fn(&str, &str) -> String,
) -> (String, String) {
    let mut mods = String::new();
    let mut table = String::from(head);
    for f in files(dir, "rs") {
        println!("cargo:rerun-if-changed={}", f.display());
        let module = stem(&f);
        let id = module.replace('_', "-");
        if !ids.contains(&id) {
            // Not a rule: `mod.rs`, helpers shared by the rules, the engines.
            continue;
        }
        let abs = f.canonicalize().unwrap();
        writeln!(
            mods,
            "#[path = {:?}]\nmod {module};",
            abs.display().to_string()
        )
        .unwrap();
        let name = pascal(&id);
        let text = std::fs::read_to_string(&f).unwrap();
        if text.contains(&format!("{marker}{name} ")) {
            writeln!(table, "{}", row(&module, &name)).unwrap();
        }
    }
    table.push_str("];\n");
    (mods, table)
}
