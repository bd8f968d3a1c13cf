//! Loads each file named on the command line (with its project root = its directory), runs
//! every rule, and prints the number of findings per rule: a quick look at real input
//! without the CLI.

use std::collections::BTreeMap;
use std::path::PathBuf;

use apiward_rules::{Preset, Selection};
use apiward_spec::load::{Candidate, LoadOptions, Workspace};

fn main() {
    for arg in std::env::args().skip(1) {
        let path = PathBuf::from(&arg).canonicalize().expect("file exists");
        let root = path.parent().unwrap().to_path_buf();
        let ws = Workspace::load(
            &[Candidate {
                path,
                explicit: true,
            }],
            &LoadOptions {
                root,
                max_file_size: 64 << 20,
                include_templates: false,
            },
        );
        let sel = Selection::new(Preset::All, &[], &[], &[]).unwrap();
        let diags = apiward_rules::check(&ws, &sel);
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for d in &diags {
            *counts.entry(d.rule.as_str()).or_default() += 1;
        }
        println!(
            "{arg}: {} docs, {} refs, {counts:?}",
            ws.docs.len(),
            ws.ref_count()
        );
    }
}
