//! The parse-only floor for benchmarks: reads each file named on the command line and runs
//! the same parser apiward uses over it, doing nothing else.
//!
//! `parse_only events FILE...`: saphyr-parser's event stream for YAML (no tree), our JSON
//! parser for JSON. `parse_only tree FILE...`: our located tree (what apiward builds).

use apiward_diagnostics::LineIndex;

// The same allocator as apiward.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut args = std::env::args().skip(1);
    let mode = args.next().unwrap_or_default();
    let mut nodes = 0usize;
    for path in args {
        let text = std::fs::read_to_string(&path).expect("readable UTF-8 file");
        let is_json = path.ends_with(".json");
        match (mode.as_str(), is_json) {
            ("events", false) => {
                let mut parser = saphyr_parser::Parser::new_from_str(&text);
                while let Some(ev) = parser.next_event() {
                    ev.expect("valid YAML");
                    nodes += 1;
                }
            }
            (_, true) => {
                nodes += apiward_spec::json::parse(&text)
                    .expect("valid JSON")
                    .nodes
                    .len();
            }
            ("tree", false) => {
                let lines = LineIndex::new(&text);
                nodes += apiward_spec::yaml::parse(&text, &lines)
                    .expect("valid YAML")
                    .nodes
                    .len();
            }
            _ => {
                eprintln!("usage: parse_only events|tree FILE...");
                std::process::exit(2);
            }
        }
    }
    println!("{nodes}");
}
