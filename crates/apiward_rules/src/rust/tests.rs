//! Fixture tests of the Rust rules: `testdata/rust-rules/<framework>/<rule>/` holds a
//! `fail*` and a `pass*` source (or directory) per rule. Every line that must be reported
//! ends with `//~ <rule>`; the test asserts that the findings start on exactly those lines
//! (no more, no fewer), that `pass` sources yield none, and snapshots the full output.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use apiward_diagnostics::Diagnostic;

use super::{check_rust, RUST_RULES};
use crate::meta::{all_rules, Preset, Target};
use crate::select::Selection;
use crate::Rule;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/rust-rules")
}

fn rs_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rs_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

fn run(rule: Rule, files: &[PathBuf]) -> Vec<Diagnostic> {
    let inv = apiward_source::inventory(files, &apiward_source::SourceOptions::default());
    let sel = Selection::new(Preset::All, &[rule.into()], &[], &[]).unwrap();
    check_rust(files, &inv, &sel, &super::RustRuleOptions::default())
}

/// `(file, line)` of every `//~ rule` annotation for `rule`.
fn annotated(files: &[PathBuf], rule: Rule) -> BTreeSet<(String, u32)> {
    let mut out = BTreeSet::new();
    for f in files {
        let text = std::fs::read_to_string(f).unwrap();
        for (i, line) in text.lines().enumerate() {
            if let Some((_, tail)) = line.split_once("//~") {
                if tail.split([',', ' ']).any(|r| r.trim() == rule.as_str()) {
                    out.insert((apiward_diagnostics::display_path(f), i as u32 + 1));
                }
            }
        }
    }
    out
}

fn render(d: &Diagnostic, root: &str) -> String {
    let file = d.file.strip_prefix(root).unwrap_or(&d.file);
    format!(
        "{file}:{}:{}-{}:{} [{}] {}",
        d.range.start.line,
        d.range.start.column,
        d.range.end.line,
        d.range.end.column,
        d.rule,
        d.message
    )
}

fn check_framework(fw: &str) -> String {
    let base = fixtures().join(fw);
    let root = format!("{}/", apiward_diagnostics::display_path(&fixtures()));
    let mut rules: Vec<PathBuf> = std::fs::read_dir(&base)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    rules.sort();
    let mut out = String::new();
    for dir in rules {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let rule = Rule::from_id(&name)
            .filter(|rule| RUST_RULES.iter().any(|r| r.rule() == *rule))
            .unwrap_or_else(|| panic!("{fw}/{name}: no such Rust rule"));
        let mut files = Vec::new();
        rs_files(&dir, &mut files);
        let is = |f: &PathBuf, kind: &str| {
            f.strip_prefix(&dir)
                .unwrap()
                .components()
                .next()
                .is_some_and(|c| c.as_os_str().to_string_lossy().starts_with(kind))
        };
        let (fail, pass): (Vec<PathBuf>, Vec<PathBuf>) =
            files.iter().cloned().partition(|f| is(f, "fail"));
        assert!(!fail.is_empty(), "{fw}/{rule}: no fail fixture");
        assert!(
            pass.iter().any(|f| is(f, "pass")),
            "{fw}/{rule}: no pass fixture"
        );
        let found = run(rule, &files);
        let lines: BTreeSet<(String, u32)> = found
            .iter()
            .filter(|d| d.rule == rule)
            .map(|d| (d.file.clone(), d.range.start.line))
            .collect();
        let want = annotated(&files, rule);
        assert!(!want.is_empty(), "{fw}/{rule}: no `//~ {rule}` annotation");
        assert_eq!(
            lines,
            want,
            "{fw}/{rule}: findings (left) differ from annotations (right):\n{}",
            found
                .iter()
                .map(|d| render(d, &root))
                .collect::<Vec<_>>()
                .join("\n")
        );
        for f in &pass {
            let name = apiward_diagnostics::display_path(f);
            assert!(
                !lines.iter().any(|(file, _)| *file == name),
                "{fw}/{rule}: pass fixture {name} has findings"
            );
        }
        out.push_str(&format!("# {rule}\n"));
        for d in &found {
            out.push_str(&render(d, &root));
            out.push('\n');
        }
    }
    out
}

#[test]
fn axum_fixtures() {
    insta::assert_snapshot!(check_framework("axum"));
}

#[test]
fn actix_fixtures() {
    insta::assert_snapshot!(check_framework("actix"));
}

#[test]
fn rocket_fixtures() {
    insta::assert_snapshot!(check_framework("rocket"));
}

#[test]
fn every_rust_rule_has_a_check_and_a_rule_file() {
    for r in all_rules()
        .iter()
        .filter(|r| r.targets.contains(&Target::Rust))
    {
        assert!(
            RUST_RULES.iter().any(|rr| rr.rule() == r.id),
            "{} targets rust but has no Rust check",
            r.id
        );
    }
    for id in RUST_RULES.iter().map(|r| r.rule()) {
        let meta = crate::rule(id);
        assert!(
            meta.targets.contains(&Target::Rust),
            "{id}: targets lacks rust"
        );
    }
}

/// The `bad` and `good` examples of the rules that only look at Rust code are code: the
/// bad one is reported, the good one is not.
#[test]
fn rule_file_examples() {
    for r in all_rules().iter().filter(|r| r.targets == [Target::Rust]) {
        let dir = tempfile::tempdir().unwrap();
        for (kind, body, expect) in [("bad", &r.bad, true), ("good", &r.good, false)] {
            let file = dir.path().join(format!("{kind}.rs"));
            let src = format!(
                "async fn snippet() -> Result<(), Box<dyn std::error::Error>> {{\n{body}\nOk(())\n}}\n"
            );
            std::fs::write(&file, src).unwrap();
            let found = run(r.id, std::slice::from_ref(&file));
            assert_eq!(
                found.iter().any(|d| d.rule == r.id),
                expect,
                "{}: {kind} example: {found:#?}",
                r.id
            );
        }
    }
}

/// The suppression comments of Rust code, read by the parser of the descriptions' comments
/// (opened by `//`, not `#`).
#[test]
fn suppression_comments() {
    let silences = |text: &str, line: usize, rule: Rule| {
        let lines = apiward_diagnostics::LineIndex::new(text);
        let aliases = &crate::rule(rule).aliases;
        crate::suppress::comment_line(text, &lines, line, "//", rule.as_str(), aliases)
    };
    assert_eq!(
        silences(
            "    .layer(CorsLayer::permissive()) // apiward: ignore[permissive-cors] -- dev only",
            1,
            Rule::PermissiveCors
        ),
        Some(1)
    );
    assert_eq!(
        silences("// apiward: ignore[all]\nx();\n", 2, Rule::UnboundedBody),
        Some(1)
    );
    assert_eq!(
        silences("// apiward: ignore[missing-auth]", 1, Rule::UnboundedBody),
        None
    );
    assert_eq!(
        silences("let s = \"apiward: ignore[all]\";", 1, Rule::UnboundedBody),
        None
    );
    assert_eq!(
        silences("# apiward: ignore[all]\n", 1, Rule::UnboundedBody),
        None
    );
}

#[test]
fn integer_evaluation() {
    let consts = std::collections::HashMap::new();
    let ev = |s: &str| super::eval_int(&syn::parse_str(s).unwrap(), &consts, 0);
    assert_eq!(ev("1024 * 1024 * 1024"), Some(1 << 30));
    assert_eq!(ev("(10 << 20) + 1"), Some((10 << 20) + 1));
    assert_eq!(ev("usize::MAX"), Some(u128::from(u64::MAX)));
    assert_eq!(ev("5.gibibytes()"), Some(5 << 30));
    assert_eq!(ev("ByteUnit::Mebibyte(3)"), Some(3 << 20));
    assert_eq!(ev("limit"), None);
    assert_eq!(super::human_bytes(1 << 30), "1 GiB");
    assert_eq!(super::human_bytes(u128::from(u64::MAX)), "no limit");
    proc_macro2::extra::invalidate_current_thread_spans();
}

/// One parse per file (`scan_rust`, what `apiward check` runs) finds what the rules find
/// when they parse on their own (`check_rust`), on every fixture at once.
#[test]
fn one_parse_finds_the_same() {
    let mut files = Vec::new();
    rs_files(&fixtures(), &mut files);
    let sel = Selection::new(Preset::All, &[], &[], &[]).unwrap();
    let opts = super::RustRuleOptions::default();
    let src = apiward_source::SourceOptions::default();
    let inv = apiward_source::inventory(&files, &src);
    let apart = check_rust(&files, &inv, &sel, &opts);
    let (inv2, together) = super::scan_rust(&files, &src, &sel, &opts);
    assert_eq!(inv.routes, inv2.routes);
    assert!(apart.len() > 100, "{}", apart.len());
    assert_eq!(apart, together);
}

/// The rules' scan of each file looks for the route markers too, and says what the
/// source's own scans say (every fixture, with the route inventory's own fixtures).
#[test]
fn shared_scan_reads_the_route_markers() {
    let mut files = Vec::new();
    rs_files(&fixtures(), &mut files);
    rs_files(&fixtures().join("../rust"), &mut files);
    let sel = Selection::new(Preset::All, &[], &[], &[]).unwrap();
    let opts = super::RustRuleOptions::default();
    let plan = super::Plan::new(&files, &sel, &opts, true);
    let mut routing = 0;
    for (i, f) in files.iter().enumerate() {
        let bytes = std::fs::read(f).unwrap();
        let (_, marks) = apiward_source::FileVisitor::wants(&plan, i, &bytes);
        let own = apiward_source::RouteMarks::scan(&bytes);
        assert_eq!(marks, Some(own), "{}", f.display());
        routing += usize::from(own.routing);
    }
    assert!(routing > 50, "{routing}");
}

/// Without a rule that reads routes (`hardcoded-secret` alone: a secret counts wherever it is
/// written), no route inventory is built, and the findings are the same.
#[test]
fn no_routes_without_route_rules() {
    let mut files = Vec::new();
    rs_files(&fixtures().join("axum"), &mut files);
    let sel = Selection::new(Preset::All, &[Rule::HardcodedSecret.into()], &[], &[]).unwrap();
    let opts = super::RustRuleOptions::default();
    let src = apiward_source::SourceOptions::default();
    let (inv, found) = super::scan_rust(&files, &src, &sel, &opts);
    assert!(inv.routes.is_empty());
    assert!(!found.is_empty());
    let full = apiward_source::inventory(&files, &src);
    assert!(!full.routes.is_empty());
    assert_eq!(found, check_rust(&files, &full, &sel, &opts));
}

#[test]
fn second_looks_keep_what_the_rules_read() {
    use super::{hardcoded_secret, unbounded_body};
    /// A rule's second look at a file ([`super::RustRule::worth_parsing`]).
    type Refinement = fn(&[u8], &dyn Fn(&str) -> bool) -> bool;
    /// A second look, what it must answer, and the sources it must answer it for.
    type Case = (Refinement, bool, &'static [&'static str]);
    let cases: [Case; 6] = [
        // Literals next to the name, on the next line, three lines on, inside a PEM.
        (
            hardcoded_secret::worth_parsing,
            true,
            &[
                "let password = \"hunter22\";",
                "const API_KEY: &str =\n    \"AbCdEf0123456789\";",
                "c.basic_auth(\n    \"admin\",\n    Some(\"s3cret\"),\n);",
                "const K: &str = \"\n-----BEGIN RSA PRIVATE KEY-----\nMIIE\n\";",
                "let key = Key::from(SECRET);",
            ],
        ),
        // Names with no literal near them, in comment lines, a key type of the codebase's
        // own.
        (
            hardcoded_secret::worth_parsing,
            false,
            &[
                "fn check(password: &str, hash: &Hash) -> bool {\n    verify(password, hash)\n}",
                "let token = request.token()?;\nlet user = lookup(token).await?;",
                "    // The \"password\" method is the old default.\nfn f() {}",
                "let k = Key::from_hex(\"00ff\");",
            ],
        ),
        (
            unbounded_body::worth_parsing,
            true,
            &[
                "let body = axum::body::to_bytes(body, usize::MAX).await?;",
                "let bytes = to_bytes(body, LIMIT).await?;",
                "let s = data.open(2.mebibytes());",
                "let limits = Limits::new().limit(\"json\", 10.mebibytes());",
                "App::new().app_data(web::JsonConfig::default())",
            ],
        ),
        (
            unbounded_body::worth_parsing,
            false,
            &[
                "let raw = key.to_bytes();",
                "let f = OpenOptions::new().read(true).open(path)?;",
                "pub struct Limits { max: usize }",
            ],
        ),
        (
            super::leaky_error_response::worth_parsing,
            true,
            &[
                "Err(e) => Custom(Status::InternalServerError, e.to_string()),",
                "(rocket::http::Status::BadRequest, msg)",
                "return Err(Status::internal(e.to_string()));",
                "(StatusCode::INTERNAL_SERVER_ERROR, e.to_string())",
                "impl ResponseError for ApiError {}",
            ],
        ),
        (
            super::leaky_error_response::worth_parsing,
            false,
            &[
                "Ok(UpdateStatus::Completed)",
                "match s { ShardCleanStatus::Done => {} }",
            ],
        ),
    ];
    for (worth_parsing, want, sources) in cases {
        for src in sources {
            let bytes = src.as_bytes();
            assert_eq!(worth_parsing(bytes, &super::search(bytes)), want, "{src}");
        }
    }
}

/// A handler's call is followed to the function of its own crate or of a crate it depends
/// on, not to a same-named function of another binary. (This in-process run does not follow
/// the helper even without the check; `apiward check` on the fixture directory does, and
/// reported the relay's `record_mark` before the check.)
#[test]
fn helpers_of_other_crates_are_not_followed() {
    let dir = fixtures().join("axum/ssrf/pass_crates");
    let mut files = Vec::new();
    rs_files(&dir, &mut files);
    let inv = apiward_source::inventory(&files, &apiward_source::SourceOptions::default());
    let sel = Selection::new(Preset::Recommended, &[], &[], &[]).unwrap();
    let found = check_rust(&files, &inv, &sel, &super::RustRuleOptions::default());
    assert!(
        !found.iter().any(|d| d.rule == Rule::Ssrf),
        "{:#?}",
        found.iter().map(|d| render(d, "")).collect::<Vec<_>>()
    );
    assert_eq!(super::served::manifest_deps("[package]\nname = \"a-b\"\n[dependencies]\nx-y = \"1\"\nz = { package = \"real-z\", version = \"1\" }\n[dependencies.w]\nversion = \"1\"\n"),
        Some(("a_b".into(), ["x_y", "z", "real_z", "w"].iter().map(std::string::ToString::to_string).collect())));
}

/// A data-flow rule finds the same alone as with every rule selected: what the engine
/// learns of helpers in other files (summaries, structs) does not depend on the selection.
/// `axum/sql-injection/fail_helper_file` has its helper in a file that only
/// `leaky-error-response`'s markers let through.
#[test]
fn flow_findings_do_not_depend_on_the_selection() {
    let mut files = Vec::new();
    rs_files(&fixtures(), &mut files);
    let opts = super::RustRuleOptions::default();
    let src = apiward_source::SourceOptions::default();
    let all = Selection::new(Preset::All, &[], &[], &[]).unwrap();
    let (_, full) = super::scan_rust(&files, &src, &all, &opts);
    let flow_rules: Vec<Rule> = RUST_RULES
        .iter()
        .filter(|r| r.data_flow())
        .map(|r| r.rule())
        .collect();
    assert!(flow_rules.len() >= 5, "{flow_rules:?}");
    for rule in flow_rules {
        let one = Selection::new(Preset::All, &[rule.into()], &[], &[]).unwrap();
        let (_, alone) = super::scan_rust(&files, &src, &one, &opts);
        let of = |ds: &[Diagnostic]| -> Vec<String> {
            ds.iter()
                .filter(|d| d.rule == rule)
                .map(|d| render(d, ""))
                .collect()
        };
        assert_eq!(
            of(&alone),
            of(&full),
            "{rule}: alone (left), with all (right)"
        );
    }
    assert!(full
        .iter()
        .any(|d| d.rule == Rule::SqlInjection && d.file.ends_with("fail_helper_file/store.rs")));
}
