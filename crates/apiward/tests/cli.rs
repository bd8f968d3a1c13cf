//! End-to-end tests: the real `apiward` binary on fixtures under `testdata/`, on generated
//! bad input, and on the public corpus in `../shared/corpus` (skipped when absent).

use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::{Duration, Instant};

use serde_json::Value;

mod common;
use common::{json, project_root, run, run_in, run_stdin, stdout};

fn corpus() -> Option<PathBuf> {
    let c = project_root().join("../shared/corpus");
    if c.is_dir() {
        Some(c)
    } else {
        eprintln!("skipped: no corpus at {}", c.display());
        None
    }
}

fn diags(v: &Value) -> &Vec<Value> {
    v["diagnostics"].as_array().unwrap()
}

/// The route of a `routes --format json` document at `path`.
fn route_at(v: &Value, path: &str) -> Value {
    v["routes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["path"] == path)
        .unwrap_or_else(|| panic!("no route {path}"))
        .clone()
}

/// A temporary project holding one Rust file, `src/main.rs`.
fn rust_project(main_rs: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("src")).unwrap();
    std::fs::write(dir.path().join("src/main.rs"), main_rs).unwrap();
    dir
}

/// A temporary crate (`Cargo.toml`, `src/main.rs`) with its description, `openapi.yaml`.
fn service_project(main_rs: &str, openapi: &str) -> tempfile::TempDir {
    let dir = rust_project(main_rs);
    std::fs::write(
        dir.path().join("Cargo.toml"),
        "[package]\nname = \"svc\"\nversion = \"0.1.0\"\nedition = \"2021\"\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("openapi.yaml"), openapi).unwrap();
    dir
}

/// Writes `text` to `rel` under `root`, making its folders.
fn put(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

/// The messages of a report's findings of one rule.
fn messages_of<'v>(v: &'v Value, rule: &str) -> Vec<&'v str> {
    diags(v)
        .iter()
        .filter(|d| d["rule"] == rule)
        .map(|d| d["message"].as_str().unwrap())
        .collect()
}

/// The message of a report's one finding of a rule (failing, with the report, unless there
/// is exactly one).
fn the_message<'v>(v: &'v Value, rule: &str) -> &'v str {
    let found = messages_of(v, rule);
    assert_eq!(found.len(), 1, "one `{rule}` expected: {v:#}");
    found[0]
}

fn rules_of(v: &Value) -> Vec<String> {
    diags(v)
        .iter()
        .map(|d| d["rule"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn example_human_report() {
    let o = run(&["check", "--no-config", "testdata/examples"]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    insta::assert_snapshot!(stdout(&o));
}

#[test]
fn example_json_report() {
    let o = run(&[
        "check",
        "--no-config",
        "--format",
        "json",
        "testdata/examples",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let v = json(&o);
    assert_eq!(v["version"], 1);
    insta::assert_json_snapshot!(v);
}

#[test]
fn example_findings_are_exact() {
    let found = |select: &[&str]| -> Vec<String> {
        let base = ["check", "--no-config", "--format", "json"];
        let o = run(&[&base[..], select, &["testdata/examples"]].concat());
        diags(&json(&o))
            .iter()
            .map(|d| {
                format!(
                    "{}:{}:{} {} {}",
                    d["file"].as_str().unwrap(),
                    d["range"]["start"]["line"],
                    d["range"]["start"]["column"],
                    d["rule"].as_str().unwrap(),
                    d["pointer"].as_str().unwrap_or("-"),
                )
            })
            .collect()
    };
    assert_eq!(
        found(&[]),
        [
            "testdata/examples/petclinic/openapi.yaml:10:10 http-only-server /servers/1/url",
            "testdata/examples/petclinic/openapi.yaml:51:7 missing-401-response /paths/~1pets/get/responses",
            "testdata/examples/petclinic/openapi.yaml:68:7 missing-401-response /paths/~1pets/post/responses",
            "testdata/examples/petclinic/openapi.yaml:83:11 missing-auth /paths/~1pets~1{petId}~1records/get",
            "testdata/examples/petclinic/openapi.yaml:89:7 missing-auth /paths/~1pets~1{petId}~1records/delete",
        ]
    );
    // A rule of preset `all`, selected: reported in the file where the schema lives, once
    // for its two uses.
    assert_eq!(
        found(&["--select", "unbounded-string"]),
        ["testdata/examples/petclinic/schemas/pet.yaml:16:7 unbounded-string /Pet/properties/notes"]
    );
}

/// A copy of the axum crate of `testdata/cross/axum` (its `Cargo.toml` and `src/main.rs`)
/// in a temporary directory, and the fixture's directory (for its description).
fn axum_crate() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let src = project_root().join("testdata/cross/axum");
    std::fs::create_dir_all(d.join("src")).unwrap();
    std::fs::copy(src.join("Cargo.toml"), d.join("Cargo.toml")).unwrap();
    std::fs::copy(src.join("src/main.rs"), d.join("src/main.rs")).unwrap();
    (dir, src)
}

/// `check --no-config --format json --select RULES` in `dir`, parsed.
fn selected(dir: &Path, rules: &str) -> Value {
    json(&run_in(
        dir,
        &[
            "check",
            "--no-config",
            "--format",
            "json",
            "--select",
            rules,
        ],
    ))
}

/// A description beside a crate that documents none of its routes (another service's API)
/// is not held against them: one info note instead of every route undocumented and every
/// operation unimplemented. Named in `[[service]]`, it is compared.
#[test]
fn a_description_of_another_service_is_not_paired() {
    let (dir, _) = axum_crate();
    let d = dir.path();
    std::fs::create_dir_all(d.join("docs")).unwrap();
    std::fs::write(
        d.join("docs/sync.openapi.yaml"),
        "openapi: 3.0.3\ninfo: {title: Sync, version: '1'}\npaths:\n  /api/v1/sources:\n    get:\n      responses:\n        '200': {description: ok}\n  /health:\n    get:\n      responses:\n        '200': {description: ok}\n",
    )
    .unwrap();
    let select = "undocumented-endpoint,unimplemented-endpoint,auth-mismatch,unmatched-description";
    let v = selected(d, select);
    assert_eq!(rules_of(&v), ["unmatched-description"], "{v:#}");
    let note = &diags(&v)[0];
    assert_eq!(note["severity"], "info");
    assert_eq!(note["file"], "docs/sync.openapi.yaml");
    assert!(note["message"]
        .as_str()
        .unwrap()
        .starts_with("`docs/sync.openapi.yaml` documents none of the"));

    std::fs::write(
        d.join("apiward.toml"),
        "[[service]]\nspec = \"docs/sync.openapi.yaml\"\nsource = \".\"\n",
    )
    .unwrap();
    let v = json(&run_in(
        d,
        &["check", "--format", "json", "--select", select],
    ));
    let rules = rules_of(&v);
    assert!(
        rules.contains(&"undocumented-endpoint".to_string()),
        "{v:#}"
    );
    assert!(
        !rules.contains(&"unmatched-description".to_string()),
        "{v:#}"
    );

    // Routes under a base path known only at run time (`/{?}/api/notes`) are compared
    // without it: a description of `/api/notes` documents them.
    let dir = service_project(
        "use axum::{Router, routing::get};\nasync fn notes() -> &'static str { \"[]\" }\nfn app(base: &str) -> Router { Router::new().nest(base, Router::new().route(\"/api/notes\", get(notes))) }\n",
        "openapi: 3.0.3\ninfo: {title: Notes, version: '1'}\npaths:\n  /api/notes:\n    get:\n      responses:\n        '200': {description: ok}\n",
    );
    let o = run_in(dir.path(), &["routes", "--no-config", "--format", "json"]);
    let r = &json(&o)["routes"][0];
    assert_eq!(r["path"], "/{?}/api/notes", "{r:#}");
    assert_eq!(r["documented"], true, "{r:#}");
    let v = selected(dir.path(), select);
    assert!(rules_of(&v).is_empty(), "{v:#}");
}

#[test]
fn overlapping_paths_are_read_once() {
    // One path inside another on the command line (`crates/web .`), or one named twice:
    // every file, route and finding once.
    let dir = service_project(
        "use axum::{Router, routing::get};\nasync fn notes() -> &'static str { \"[]\" }\nfn app() -> Router { Router::new().route(\"/api/notes\", get(notes)) }\n",
        "openapi: 3.0.3\ninfo: {title: Notes, version: '1'}\npaths:\n  /api/orders:\n    get:\n      responses:\n        '200': {description: ok}\n",
    );
    let once = json(&run_in(
        dir.path(),
        &["check", "--no-config", "--format", "json"],
    ));
    let listed = json(&run_in(
        dir.path(),
        &["routes", "--no-config", "--format", "json"],
    ));
    assert_eq!(listed["summary"]["files_parsed"], 1, "{listed:#}");
    for args in [&["src", "."][..], &[".", "."], &["openapi.yaml", "."]] {
        let mut cmd = vec!["routes", "--no-config", "--format", "json"];
        cmd.extend_from_slice(args);
        let v = json(&run_in(dir.path(), &cmd));
        assert_eq!(v["routes"], listed["routes"], "{args:?}");
        assert_eq!(v["summary"], listed["summary"], "{args:?}");
        let mut cmd = vec!["check", "--no-config", "--format", "json"];
        cmd.extend_from_slice(args);
        let v = json(&run_in(dir.path(), &cmd));
        assert_eq!(diags(&v), diags(&once), "{args:?}");
        assert_eq!(v["summary"]["files"], once["summary"]["files"], "{args:?}");
    }
}

#[test]
fn clean_project_exits_zero_and_skips_other_yaml() {
    let o = run(&["check", "--no-config", "--format", "json", "testdata/clean"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let v = json(&o);
    assert!(diags(&v).is_empty());
    assert_eq!(v["summary"]["files"]["specs"], 1);
}

#[test]
fn output_is_deterministic() {
    let a = run(&["check", "--no-config", "--format", "json", "testdata"]);
    let b = run(&["check", "--no-config", "--format", "json", "testdata"]);
    assert_eq!(a.stdout, b.stdout);
}

#[test]
fn bad_input_is_reported_and_the_rest_still_linted() {
    let o = run(&[
        "check",
        "--no-config",
        "--format",
        "json",
        "testdata/bad/invalid.yaml",
        "testdata/bad/truncated.json",
        "testdata/examples",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let v = json(&o);
    let parse: Vec<&Value> = diags(&v)
        .iter()
        .filter(|d| d["rule"] == "parse-error")
        .collect();
    assert_eq!(parse.len(), 2, "{v:#}");
    assert_eq!(parse[0]["file"], "testdata/bad/invalid.yaml");
    assert_eq!(parse[0]["range"]["start"]["line"], 7);
    assert!(parse[0]["owasp"].is_null());
    assert_eq!(parse[1]["file"], "testdata/bad/truncated.json");
    assert!(parse[1]["message"].as_str().unwrap().contains("JSON"));
    // The good files were linted all the same.
    assert!(rules_of(&v).contains(&"missing-auth".to_owned()));
}

#[test]
fn refs_leaving_the_root_are_refused() {
    let o = run(&[
        "check",
        "--no-config",
        "--format",
        "json",
        "testdata/bad/ref-escape.yaml",
    ]);
    let v = json(&o);
    let d = diags(&v)
        .iter()
        .find(|d| d["rule"] == "ref-outside-root")
        .expect("refused");
    assert_eq!(d["range"]["start"]["line"], 14);
    assert!(d["message"].as_str().unwrap().contains("etc/passwd"));
    assert_eq!(v["summary"]["files"]["fragments"], 0);
}

#[test]
fn remote_refs_and_cycles() {
    let start = Instant::now();
    let o = run(&[
        "check",
        "--no-config",
        "--format",
        "json",
        "testdata/bad/remote-and-cycle.yaml",
    ]);
    assert!(start.elapsed() < Duration::from_secs(30));
    assert_eq!(o.status.code(), Some(1));
    let v = json(&o);
    assert_eq!(rules_of(&v), ["remote-ref"]);
    assert_eq!(diags(&v)[0]["owasp"], "API10:2023");
}

#[test]
fn alias_bomb_is_harmless() {
    let o = run(&[
        "check",
        "--no-config",
        "--format",
        "json",
        "testdata/bad/alias-bomb.yaml",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

#[test]
fn generated_bad_input() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("deep.json"),
        format!("{{\"openapi\": {}", "[".repeat(200_000)),
    )
    .unwrap();
    std::fs::write(
        d.join("deep.yaml"),
        format!("openapi: 3.0.0\nx: {}", "[".repeat(200_000)),
    )
    .unwrap();
    let mut bad_utf8 = b"openapi: 3.0.0\ninfo: {title: \"".to_vec();
    bad_utf8.extend_from_slice(&[0xff, 0xfe, 0x00]);
    std::fs::write(d.join("latin1.yaml"), bad_utf8).unwrap();
    std::fs::write(d.join("binary.yaml"), [0u8, 159, 146, 150, 0, 1, 2, 3]).unwrap();
    std::fs::write(d.join("empty.json"), "").unwrap();
    // A 50 MB spec-looking file.
    let mut big =
        String::from("openapi: 3.0.0\ninfo: {title: big, version: '1'}\npaths: {}\nx-pad:\n");
    while big.len() < 50 * 1024 * 1024 {
        big.push_str(
            "  - aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n",
        );
    }
    std::fs::write(d.join("big.yaml"), big).unwrap();
    std::fs::write(
        d.join("ok.yaml"),
        "openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses: {'200': {description: ok}}\n",
    )
    .unwrap();

    let start = Instant::now();
    let o = run_in(d, &["check", "--no-config", "--format", "json", "."]);
    assert!(start.elapsed() < Duration::from_secs(60));
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    let v = json(&o);
    let by_file = |f: &str| -> Vec<String> {
        diags(&v)
            .iter()
            .filter(|d| d["file"] == f)
            .map(|d| {
                format!(
                    "{}: {}",
                    d["rule"].as_str().unwrap(),
                    d["message"].as_str().unwrap()
                )
            })
            .collect()
    };
    assert!(
        by_file("deep.json")[0].contains("nesting deeper than 512"),
        "{:?}",
        by_file("deep.json")
    );
    assert!(
        by_file("deep.yaml")[0].starts_with("parse-error"),
        "{:?}",
        by_file("deep.yaml")
    );
    assert!(by_file("latin1.yaml")[0].contains("not valid UTF-8"));
    assert!(by_file("big.yaml")[0].starts_with("file-too-large"));
    assert!(by_file("binary.yaml").is_empty());
    assert!(by_file("empty.json").is_empty());
    // The good file is still linted.
    assert_eq!(
        by_file("ok.yaml"),
        ["missing-auth: `GET /a` has no security requirement: anyone can call it"]
    );
}

#[test]
fn missing_path_is_an_input_error() {
    let o = run(&[
        "check",
        "--no-config",
        "--format",
        "json",
        "testdata/nope.yaml",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(rules_of(&json(&o)), ["io-error"]);
}

#[test]
fn select_ignore_and_fail_on() {
    let o = run(&[
        "check",
        "--no-config",
        "--format",
        "json",
        "--select",
        "API4",
        "testdata/examples",
    ]);
    // A category selects its rules within the preset: the length checks are in `all`.
    assert_eq!(rules_of(&json(&o)), Vec::<String>::new());
    let o = run(&[
        "check",
        "--no-config",
        "--format",
        "json",
        "--preset",
        "all",
        "--select",
        "API4",
        "testdata/examples",
    ]);
    assert!(rules_of(&json(&o)).contains(&"unbounded-string".to_owned()));
    let o = run(&[
        "check",
        "--no-config",
        "--format",
        "json",
        "--ignore",
        "owasp:api2:2023-write-restricted,API4,owasp:api8:2023-define-error-responses-401",
        "testdata/examples",
    ]);
    assert_eq!(rules_of(&json(&o)), ["http-only-server"]);
    // unbounded-string is a warning: failing on errors only passes.
    let o = run(&[
        "check",
        "--no-config",
        "--select",
        "unbounded-string",
        "--fail-on",
        "error",
        "testdata/examples",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let o = run(&[
        "check",
        "--no-config",
        "--select",
        "nope",
        "testdata/examples",
    ]);
    // An unknown selector is a warning; the run goes on without it (the preset).
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("`nope` names no rule"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn config_file() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir_all(d.join("api")).unwrap();
    std::fs::create_dir_all(d.join("legacy")).unwrap();
    let spec = "openapi: 3.0.0\ninfo: {title: t, version: '1'}\nservers: [{url: 'http://api.example.com'}]\npaths:\n  /a:\n    post:\n      requestBody: {content: {application/json: {schema: {type: object, properties: {q: {type: string}}}}}}\n      responses: {'200': {description: ok}}\n";
    std::fs::write(d.join("api/openapi.yaml"), spec).unwrap();
    std::fs::write(d.join("legacy/openapi.yaml"), spec).unwrap();
    std::fs::write(
        d.join("apiward.toml"),
        // unbounded-string (preset `all`) selected by name: a warning `fail-on` lets pass.
        "select = [\"http-only-server\", \"missing-auth\", \"unbounded-string\"]\nignore = [\"missing-auth\"]\nexclude = [\"legacy/**\"]\nfail-on = \"error\"\n[severity]\nhttp-only-server = \"info\"\n",
    )
    .unwrap();
    let o = run_in(&d.join("api"), &["check", "--format", "json", "."]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let v = json(&o);
    assert_eq!(rules_of(&v), ["http-only-server", "unbounded-string"]);
    assert_eq!(diags(&v)[0]["severity"], "info");
    let o = run_in(d, &["check", "--format", "json"]);
    assert_eq!(
        json(&o)["summary"]["files"]["specs"],
        1,
        "legacy/ is excluded"
    );

    // Unknown keys and unknown rules are located errors.
    std::fs::write(
        d.join("apiward.toml"),
        "preset = \"all\"\n\nignored = [\"x\"]\n",
    )
    .unwrap();
    let o = run_in(d, &["check", "--format", "json"]);
    assert_eq!(o.status.code(), Some(2));
    let v = json(&o);
    assert_eq!(diags(&v)[0]["rule"], "config-error");
    assert_eq!(diags(&v)[0]["file"], "apiward.toml");
    assert_eq!(diags(&v)[0]["range"]["start"]["line"], 3);
    assert!(diags(&v)[0]["message"]
        .as_str()
        .unwrap()
        .contains("ignored"));
    std::fs::write(
        d.join("apiward.toml"),
        "select = [\"API4\",\n  \"no-such-rule\"]\n",
    )
    .unwrap();
    let o = run_in(d, &["check", "--format", "json"]);
    assert_eq!(o.status.code(), Some(2));
    let v = json(&o);
    assert_eq!(diags(&v)[0]["range"]["start"]["line"], 2);
    assert_eq!(diags(&v)[0]["range"]["start"]["column"], 3);
    assert!(diags(&v)[0]["message"]
        .as_str()
        .unwrap()
        .contains("no-such-rule"));
}

#[test]
fn output_file_sarif_and_github() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.sarif");
    let o = run(&[
        "check",
        "--no-config",
        "--format",
        "sarif",
        "--output",
        out.to_str().unwrap(),
        "testdata/examples",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
    let sarif: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 5);
    let rules = sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    assert!(rules.iter().any(|r| r["id"] == "missing-auth"));

    let o = run(&[
        "check",
        "--no-config",
        "--format",
        "github",
        "testdata/examples",
    ]);
    let text = stdout(&o);
    let first = text.lines().next().unwrap();
    assert!(
        first.starts_with("::error file=testdata/examples/petclinic/openapi.yaml,line=10,col=10"),
        "{first}"
    );
    assert_eq!(text.lines().filter(|l| l.starts_with("::")).count(), 5);
}

#[test]
fn rules_and_explain() {
    let o = run(&["rules", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let ids: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    for id in [
        "http-only-server",
        "missing-auth",
        "remote-ref",
        "unbounded-string",
    ] {
        assert!(ids.contains(&id), "{id}");
    }
    for r in v.as_array().unwrap() {
        for key in [
            "id", "title", "owasp", "severity", "preset", "aliases", "targets",
        ] {
            assert!(!r[key].is_null(), "{key}");
        }
    }
    let o = run(&["rules"]);
    assert!(stdout(&o).contains("missing-auth"));
    let o = run(&["explain", "owasp:api4:2023-string-limit"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).starts_with("# unbounded-string"));
    assert!(stdout(&o).contains("## Bad"));
    assert_eq!(run(&["explain", "nope"]).status.code(), Some(2));
}

#[test]
fn corpus_vampi_has_findings() {
    let Some(c) = corpus() else { return };
    let o = run(&[
        "check",
        "--no-config",
        "--format",
        "json",
        c.join("specs/vampi.yaml").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let rules = rules_of(&json(&o));
    assert!(rules.contains(&"missing-auth".to_owned()), "{rules:?}");
    // The passwords VAmPI returns on purpose: a rule of preset `all` since session 32.
    assert!(
        !rules.contains(&"sensitive-data-in-response".to_owned()),
        "{rules:?}"
    );
    let o = run(&[
        "check",
        "--no-config",
        "--format",
        "json",
        "--preset",
        "all",
        c.join("specs/vampi.yaml").to_str().unwrap(),
    ]);
    let rules = rules_of(&json(&o));
    assert!(
        rules.contains(&"sensitive-data-in-response".to_owned()),
        "{rules:?}"
    );
}

#[test]
fn corpus_digitalocean_findings_live_in_referenced_files() {
    let Some(c) = corpus() else { return };
    let root = c.join("digitalocean/DigitalOcean-public.v2.yaml");
    let o = run(&[
        "check",
        "--no-config",
        "--format",
        "json",
        root.to_str().unwrap(),
    ]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let v = json(&o);
    assert!(v["summary"]["files"]["fragments"].as_u64().unwrap() > 1000);
    let in_refs = diags(&v)
        .iter()
        .filter(|d| {
            d["file"]
                .as_str()
                .unwrap()
                .contains("digitalocean/resources/")
        })
        .count();
    assert!(in_refs > 0, "no finding in a referenced file");
    assert!(diags(&v).iter().all(|d| d["rule"] != "parse-error"));
}

#[test]
fn routes_table_and_json() {
    let o = run(&["routes", "--no-config", "testdata/rust/axum"]);
    assert_eq!(o.status.code(), Some(0));
    let text = stdout(&o);
    assert!(text.starts_with("METHOD  PATH"), "{text}");
    assert!(text.contains("DELETE  /api/v1/users/{id}"), "{text}");
    assert!(
        text.contains("required (middleware from_fn(require_auth))"),
        "{text}"
    );
    // The unfinished file is reported once, on stderr, and does not stop the listing.
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(err.matches("broken.rs").count(), 1, "{err}");

    let o = run(&["routes", "--no-config", "--format", "json", "testdata/rust"]);
    let v = json(&o);
    assert_eq!(v["version"], 1);
    let routes = v["routes"].as_array().unwrap();
    for fw in ["axum", "actix-web", "rocket"] {
        assert!(routes.iter().any(|r| r["framework"] == fw), "{fw}");
    }
    let r = routes
        .iter()
        .find(|r| r["path"] == "/api/v1/users/{id}" && r["method"] == "GET")
        .unwrap();
    assert_eq!(r["auth"], "required");
    assert_eq!(
        r["registration"]["file"],
        "testdata/rust/axum/src/routes/users.rs"
    );
    assert_eq!(r["registration"]["range"]["start"]["line"], 12);
}

#[test]
fn routes_take_auth_names_from_config() {
    let dir = rust_project(
        "use axum::{Router, routing::get};\nasync fn me(_u: Member) -> &'static str { \"me\" }\nfn app() -> Router { Router::new().route(\"/me\", get(me)) }\n",
    );
    let d = dir.path();
    let o = run_in(d, &["routes", "--format", "json"]);
    assert_eq!(json(&o)["routes"][0]["auth"], "none");
    std::fs::write(
        d.join("apiward.toml"),
        "[rust]\nauth-types = [\"Member\"]\n",
    )
    .unwrap();
    let o = run_in(d, &["routes", "--format", "json"]);
    assert_eq!(json(&o)["routes"][0]["auth"], "required");
    std::fs::write(d.join("apiward.toml"), "[rust]\nauth-type = [\"Member\"]\n").unwrap();
    let o = run_in(d, &["routes"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("apiward.toml:2:1"));
    // A value `check` refuses is refused by `routes` too, every error located.
    std::fs::write(
        d.join("apiward.toml"),
        "preset = \"everything\"\n[rust]\ntls = \"maybe\"\n",
    )
    .unwrap();
    let o = run_in(d, &["routes"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("apiward.toml:1:10: unknown preset `everything`"),
        "{err}"
    );
    assert!(
        err.contains("apiward.toml:3:7: unknown `tls` value `maybe`"),
        "{err}"
    );
}

/// `rule file:line:col` of every finding of the three code-vs-spec rules under `dir`.
fn drift(dir: &str) -> Vec<String> {
    let o = run(&[
        "check",
        "--no-config",
        "--format",
        "json",
        "--select",
        "undocumented-endpoint,unimplemented-endpoint,auth-mismatch",
        dir,
    ]);
    diags(&json(&o))
        .iter()
        .map(|d| {
            format!(
                "{} {} {}:{}:{}",
                d["severity"].as_str().unwrap(),
                d["rule"].as_str().unwrap(),
                d["file"]
                    .as_str()
                    .unwrap()
                    .trim_start_matches("testdata/cross/"),
                d["range"]["start"]["line"],
                d["range"]["start"]["column"],
            )
        })
        .collect()
}

#[test]
fn code_and_spec_that_agree_have_no_drift() {
    assert!(drift("testdata/cross/agree").is_empty());
}

#[test]
fn drift_axum() {
    assert_eq!(
        drift("testdata/cross/axum"),
        [
            "warning unimplemented-endpoint axum/openapi.yaml:14:5",
            "error auth-mismatch axum/src/main.rs:31:48",
            "warning undocumented-endpoint axum/src/main.rs:32:42",
        ]
    );
}

#[test]
fn drift_actix_against_swagger_2() {
    assert_eq!(
        drift("testdata/cross/actix"),
        [
            "info auth-mismatch actix/openapi.yaml:12:5",
            "warning unimplemented-endpoint actix/openapi.yaml:21:5",
            "error auth-mismatch actix/src/main.rs:33:26",
            "warning undocumented-endpoint actix/src/main.rs:34:26",
        ]
    );
}

#[test]
fn drift_rocket() {
    assert_eq!(
        drift("testdata/cross/rocket"),
        [
            "warning unimplemented-endpoint rocket/openapi.yaml:18:5",
            "error auth-mismatch rocket/src/main.rs:43:54",
            "warning undocumented-endpoint rocket/src/main.rs:43:62",
        ]
    );
}

#[test]
fn a_description_pairs_with_the_servers_it_documents() {
    // Three servers in one workspace under one description: the API it documents, a second
    // server serving part of it beside its own route, and a desktop shell's loopback server
    // (another program: none of its routes is held against the description).
    assert_eq!(
        drift("testdata/cross/workspace-servers"),
        [
            "warning undocumented-endpoint workspace-servers/crates/api/src/main.rs:40:30",
            "warning undocumented-endpoint workspace-servers/crates/worker/src/main.rs:32:29",
        ]
    );
}

#[test]
fn drift_findings_link_both_ends() {
    let o = run(&[
        "check",
        "--no-config",
        "--format",
        "sarif",
        "--select",
        "auth-mismatch",
        "testdata/cross/axum",
    ]);
    let v = json(&o);
    let result = &v["runs"][0]["results"][0];
    assert_eq!(result["ruleId"], "auth-mismatch");
    let related = &result["relatedLocations"][0]["physicalLocation"];
    assert_eq!(
        related["artifactLocation"]["uri"],
        "testdata/cross/axum/openapi.yaml"
    );
    assert_eq!(related["region"]["startLine"], 19);
}

#[test]
fn services_pair_by_config() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let src = project_root().join("testdata/cross/axum");
    std::fs::create_dir_all(d.join("docs")).unwrap();
    std::fs::create_dir_all(d.join("server/src")).unwrap();
    std::fs::copy(src.join("openapi.yaml"), d.join("docs/shop.yaml")).unwrap();
    std::fs::copy(src.join("src/main.rs"), d.join("server/src/main.rs")).unwrap();
    let sel = [
        "check",
        "--format",
        "json",
        "--select",
        "undocumented-endpoint,unimplemented-endpoint,auth-mismatch",
    ];
    // No Cargo.toml above the spec and one spec: it documents every route.
    let o = run_in(d, &sel);
    assert_eq!(diags(&json(&o)).len(), 3, "{}", stdout(&o));
    std::fs::write(
        d.join("apiward.toml"),
        "[[service]]\nspec = \"docs/shop.yaml\"\nsource = \"elsewhere\"\n",
    )
    .unwrap();
    let o = run_in(d, &sel);
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).contains("`elsewhere`: no such directory"));
    std::fs::write(
        d.join("apiward.toml"),
        "[[service]]\nspec = \"docs/shop.yaml\"\nsource = \"server\"\n[cross]\nignore-paths = [\"/api/orders/export\"]\n",
    )
    .unwrap();
    let o = run_in(d, &sel);
    let rules = rules_of(&json(&o));
    assert_eq!(
        rules,
        ["unimplemented-endpoint", "auth-mismatch"],
        "{}",
        stdout(&o)
    );
}

#[test]
fn routes_say_whether_they_are_documented() {
    let o = run(&[
        "routes",
        "--no-config",
        "--format",
        "json",
        "testdata/cross/axum",
    ]);
    let v = json(&o);
    let by_path = |p: &str| route_at(&v, p);
    let cancel = by_path("/api/orders/{order_id}");
    assert_eq!(cancel["documented"], true);
    assert_eq!(cancel["operation"]["operation"], "DELETE /orders/{id}");
    assert_eq!(
        cancel["operation"]["pointer"],
        "/paths/~1orders~1{id}/delete"
    );
    assert_eq!(by_path("/api/orders/export")["documented"], false);
    // No description: nothing is known.
    let o = run(&[
        "routes",
        "--no-config",
        "--format",
        "json",
        "testdata/rust/rocket",
    ]);
    assert!(json(&o)["routes"][0]["documented"].is_null());
}

#[test]
fn extractors_that_never_reject_are_not_required_auth() {
    // An optional wrapper around a real auth extractor (RealWorld's MaybeAuthUser), and an
    // infallible extractor that forwards a token without authenticating (qdrant's routing token).
    let dir = rust_project(
        r#"
use axum::{extract::FromRequestParts, http::{request::Parts, StatusCode, header::AUTHORIZATION}, routing::get, Router};
pub struct AuthUser(u64);
impl<S: Send + Sync> FromRequestParts<S> for AuthUser {
    type Rejection = StatusCode;
    async fn from_request_parts(p: &mut Parts, _: &S) -> Result<Self, StatusCode> {
        p.headers.get(AUTHORIZATION).map(|_| AuthUser(1)).ok_or(StatusCode::UNAUTHORIZED)
    }
}
pub struct MaybeAuthUser(pub Option<AuthUser>);
impl<S: Send + Sync> FromRequestParts<S> for MaybeAuthUser {
    type Rejection = StatusCode;
    async fn from_request_parts(p: &mut Parts, s: &S) -> Result<Self, StatusCode> {
        if !p.headers.contains_key(AUTHORIZATION) { return Ok(MaybeAuthUser(None)); }
        Ok(MaybeAuthUser(Some(AuthUser::from_request_parts(p, s).await?)))
    }
}
pub struct RoutingToken(pub Option<String>);
impl<S: Send + Sync> FromRequestParts<S> for RoutingToken {
    type Rejection = std::convert::Infallible;
    async fn from_request_parts(p: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(RoutingToken(p.headers.get("x-routing-token").and_then(|v| v.to_str().ok()).map(String::from)))
    }
}
pub struct Viewer(pub Option<AuthUser>);
impl<S: Send + Sync> FromRequestParts<S> for Viewer {
    type Rejection = StatusCode;
    async fn from_request_parts(p: &mut Parts, _: &S) -> Result<Self, StatusCode> {
        Ok(Self(p.headers.get(AUTHORIZATION).map(|_| AuthUser(1))))
    }
}
async fn feed(_u: MaybeAuthUser) -> &'static str { "" }
async fn profile(_v: Viewer) -> &'static str { "" }
async fn points(_t: RoutingToken) -> &'static str { "" }
async fn me(_u: AuthUser) -> &'static str { "" }
fn app() -> Router { Router::new().route("/feed", get(feed)).route("/points", get(points)).route("/me", get(me)).route("/profile", get(profile)) }
"#,
    );
    let d = dir.path();
    let o = run_in(d, &["routes", "--format", "json"]);
    let v = json(&o);
    let auth = |p: &str| route_at(&v, p)["auth"].clone();
    assert_eq!(auth("/feed"), "optional");
    assert_eq!(auth("/points"), "optional");
    assert_eq!(auth("/profile"), "optional");
    assert_eq!(auth("/me"), "required");
}

/// Two descriptions of one crate that each document their own part of its routes (a v1
/// and a v2 API sharing a health check and key management): both are held against the
/// code. A route neither documents is reported once, naming both; an operation of either
/// that no route serves is reported in its description.
#[test]
fn descriptions_of_parts_of_one_service_are_both_paired() {
    let main_rs = "use axum::{routing::{get, post}, Router};\n\
         async fn h() -> &'static str { \"ok\" }\n\
         fn app() -> Router {\n\
         \x20   Router::new()\n\
         \x20       .route(\"/health\", get(h))\n\
         \x20       .route(\"/custodian/key\", post(h))\n\
         \x20       .route(\"/data/add\", post(h))\n\
         \x20       .route(\"/data/retrieve\", post(h))\n\
         \x20       .route(\"/api/v2/vault/add\", post(h))\n\
         \x20       .route(\"/api/v2/vault/retrieve\", post(h))\n\
         \x20       .route(\"/api/v2/vault/fingerprint\", post(h))\n\
         }\n";
    let spec = |paths: &[&str]| {
        let mut s = String::from(
            "openapi: 3.0.3\ninfo: { title: Vault, version: \"1\" }\nsecurity: []\npaths:\n",
        );
        for p in paths {
            let m = if *p == "/health" { "get" } else { "post" };
            s.push_str(&format!(
                "  {p}:\n    {m}:\n      responses:\n        \"200\": {{ description: ok }}\n"
            ));
        }
        s
    };
    let dir = service_project(main_rs, &spec(&["/health"]));
    std::fs::remove_file(dir.path().join("openapi.yaml")).unwrap();
    put(
        dir.path(),
        "docs/openapi/spec.yaml",
        &spec(&["/health", "/custodian/key", "/data/add", "/data/retrieve"]),
    );
    put(
        dir.path(),
        "docs/openapi-v2/spec.yaml",
        &spec(&[
            "/health",
            "/custodian/key",
            "/api/v2/vault/add",
            "/api/v2/vault/retrieve",
            "/api/v2/fingerprint",
        ]),
    );
    let v = check_json(
        dir.path(),
        &[
            "--select",
            "undocumented-endpoint,unimplemented-endpoint,ambiguous-pairing",
        ],
    );
    let mut found: Vec<(String, String)> = diags(&v)
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_owned(),
                d["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    found.sort();
    assert_eq!(
        found,
        [
            (
                "undocumented-endpoint".to_owned(),
                "`POST /api/v2/vault/fingerprint` is served by the code but is not in `docs/openapi/spec.yaml` nor `docs/openapi-v2/spec.yaml`".to_owned()
            ),
            (
                "unimplemented-endpoint".to_owned(),
                "`POST /api/v2/fingerprint` is documented but no route of the paired Rust service serves it".to_owned()
            ),
        ],
        "{v:#}"
    );
}

/// Two modes of one API (single- and multi-tenant) each document their own routes too, but
/// those are the same endpoints once the leading path parameters are left out: which one
/// documents the running service is open, as with copies.
#[test]
fn modes_of_one_api_are_not_both_paired() {
    let main_rs = "use axum::{routing::get, Router};\n\
         async fn h() -> &'static str { \"ok\" }\n\
         fn app(multi: bool) -> Router {\n\
         \x20   let r = Router::new().route(\"/health\", get(h));\n\
         \x20   if multi { r.route(\"/{account}/{dataset}/tail\", get(h)) } else { r.route(\"/{dataset}/tail\", get(h)) }\n\
         }\n";
    let spec = |path: &str| {
        format!(
            "openapi: 3.0.3\ninfo: {{ title: Data, version: \"1\" }}\nsecurity: []\npaths:\n\
             \x20 /health:\n    get:\n      responses:\n        \"200\": {{ description: ok }}\n\
             \x20 {path}:\n    get:\n      responses:\n        \"200\": {{ description: ok }}\n"
        )
    };
    let dir = service_project(main_rs, &spec("/{dataset}/tail"));
    std::fs::remove_file(dir.path().join("openapi.yaml")).unwrap();
    put(
        dir.path(),
        "resources/openapi.yaml",
        &spec("/{dataset}/tail"),
    );
    put(
        dir.path(),
        "resources/openapi-mt.yaml",
        &spec("/{account}/{dataset}/tail"),
    );
    let v = check_json(
        dir.path(),
        &[
            "--select",
            "undocumented-endpoint,unimplemented-endpoint,ambiguous-pairing",
        ],
    );
    assert_eq!(rules_of(&v), ["ambiguous-pairing"], "{v:#}");
}

#[test]
fn several_specs_for_one_crate_are_not_guessed() {
    let (dir, src) = axum_crate();
    let d = dir.path();
    std::fs::create_dir_all(d.join("docs/public")).unwrap();
    std::fs::create_dir_all(d.join("docs/internal")).unwrap();
    std::fs::copy(src.join("openapi.yaml"), d.join("docs/public/openapi.yaml")).unwrap();
    std::fs::copy(
        src.join("openapi.yaml"),
        d.join("docs/internal/openapi.yaml"),
    )
    .unwrap();
    let check = || {
        json(&run_in(
            d,
            &[
                "check",
                "--format",
                "json",
                "--select",
                "undocumented-endpoint,unimplemented-endpoint,auth-mismatch,ambiguous-pairing",
            ],
        ))
    };
    let v = check();
    assert_eq!(rules_of(&v), ["ambiguous-pairing"], "{v:#}");
    assert_eq!(diags(&v)[0]["severity"], "info");
    assert!(diags(&v)[0]["message"]
        .as_str()
        .unwrap()
        .starts_with("2 descriptions (docs/internal/openapi.yaml, docs/public/openapi.yaml)"));

    // The service embeds one of them (the description it serves): that one is the crate's,
    // the other is not paired; every finding is reported once, in the served one.
    let main = std::fs::read_to_string(d.join("src/main.rs")).unwrap();
    std::fs::write(
        d.join("src/main.rs"),
        format!("{main}\nstatic SPEC: &str = include_str!(\"../docs/public/openapi.yaml\");\n"),
    )
    .unwrap();
    let v = check();
    let rules = rules_of(&v);
    assert!(
        !rules.is_empty() && !rules.iter().any(|r| r == "ambiguous-pairing"),
        "{v:#}"
    );
    for f in diags(&v) {
        let text = f.to_string();
        assert!(text.contains("docs/public/"), "{f:#}");
        assert!(!text.contains("docs/internal"), "{f:#}");
    }
}

#[test]
fn conditional_auth_middleware_is_unknown_not_none() {
    let dir = rust_project(
        r#"
use actix_web::{get, middleware::Condition, App, HttpServer, HttpResponse};
#[get("/items")]
async fn list() -> HttpResponse { HttpResponse::Ok().finish() }
#[get("/open")]
async fn open() -> HttpResponse { HttpResponse::Ok().finish() }
fn main() {
    let enabled = std::env::var("AUTH").is_ok();
    HttpServer::new(move || App::new().wrap(Condition::new(enabled, AuthTransform)).service(list));
    HttpServer::new(move || App::new().service(open));
}
"#,
    );
    let d = dir.path();
    let o = run_in(d, &["routes", "--format", "json"]);
    let v = json(&o);
    let route = |p: &str| route_at(&v, p);
    assert_eq!(route("/items")["auth"], "unknown");
    assert!(route("/items")["auth_source"]
        .as_str()
        .unwrap()
        .contains("Condition::new"));
    assert_eq!(route("/open")["auth"], "none");
}

#[test]
fn rust_config_public_paths_and_tls_at_proxy() {
    let dir = rust_project(
        r#"
use axum::{routing::post, Router};
async fn hook() -> &'static str { "" }
async fn order() -> &'static str { "" }
#[tokio::main]
async fn main() {
    let app = Router::new().route("/hooks/stripe", post(hook)).route("/orders", post(order));
    let listener = tokio::net::TcpListener::bind("0.0.0.0:8080").await.unwrap();
    axum::serve(listener, app).await.unwrap();
}
"#,
    );
    let d = dir.path();
    let sel = [
        "check",
        "--format",
        "json",
        "--select",
        "unauthenticated-route,plain-http-listener",
    ];
    let found = |o: &Output| -> Vec<String> {
        diags(&json(o))
            .iter()
            .map(|d| {
                format!(
                    "{} {}",
                    d["rule"].as_str().unwrap(),
                    d["message"].as_str().unwrap()
                )
            })
            .collect()
    };
    let o = run_in(d, &sel);
    let all = found(&o);
    assert_eq!(all.len(), 3, "{all:#?}");
    assert!(
        all.iter().any(|f| f.starts_with("plain-http-listener")),
        "{all:#?}"
    );
    std::fs::write(
        d.join("apiward.toml"),
        "[rust]\npublic-paths = [\"/hooks/\"]\ntls = \"proxy\"\n",
    )
    .unwrap();
    let o = run_in(d, &sel);
    let rest = found(&o);
    assert_eq!(rest.len(), 1, "{rest:#?}");
    assert!(
        rest[0].starts_with("unauthenticated-route `POST /orders`"),
        "{rest:#?}"
    );
    std::fs::write(d.join("apiward.toml"), "[rust]\ntls = \"edge\"\n").unwrap();
    let o = run_in(d, &sel);
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).contains("unknown `tls` value `edge`"));
}

#[test]
fn rust_config_max_body() {
    let dir = rust_project(
        r#"
use axum::{extract::DefaultBodyLimit, routing::post, Router};
async fn upload() -> &'static str { "" }
pub fn app() -> Router {
    Router::new()
        .route("/upload", post(upload))
        .layer(DefaultBodyLimit::max(50 * 1024 * 1024))
}
fn main() {}
"#,
    );
    let d = dir.path();
    let sel = ["check", "--format", "json", "--select", "unbounded-body"];
    let o = run_in(d, &sel);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(diags(&json(&o)).is_empty(), "{}", stdout(&o));

    std::fs::write(d.join("apiward.toml"), "[rust]\nmax-body = \"10MiB\"\n").unwrap();
    let o = run_in(d, &sel);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let v = json(&o);
    let found = diags(&v);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0]["rule"], "unbounded-body");
    assert_eq!(found[0]["range"]["start"]["line"], 7);
    let message = found[0]["message"].as_str().unwrap();
    assert!(message.contains("50 MiB (above 10 MiB)"), "{message}");

    std::fs::write(d.join("apiward.toml"), "[rust]\nmax-body = \"lots\"\n").unwrap();
    let o = run_in(d, &["check", "--format", "json"]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    let v = json(&o);
    let e = diags(&v)
        .iter()
        .find(|d| d["rule"] == "config-error")
        .unwrap_or_else(|| panic!("{v:#}"));
    assert!(
        e["file"].as_str().unwrap().ends_with("apiward.toml"),
        "{e:#}"
    );
    assert_eq!(e["range"]["start"]["line"], 2, "{e:#}");
    assert_eq!(e["range"]["start"]["column"], 12, "{e:#}");
    assert!(
        e["message"]
            .as_str()
            .unwrap()
            .contains("invalid `max-body` value `lots`"),
        "{e:#}"
    );
}

/// A service's folder named alone reads the workspace crates it depends on by path for what
/// it names (a path constant, an extractor, a router it merges), lists no router of theirs it
/// does not mount, and reports nothing in them.
#[test]
fn a_service_folder_reads_its_path_dependencies() {
    let root = project_root().join("testdata/rust/workspace-support");
    let v = json(&run_in(
        &root,
        &["routes", "--no-config", "--format", "json", "server"],
    ));
    let rows: Vec<String> = v["routes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| format!("{} {} {}", r["method"], r["path"], r["auth"]).replace('"', ""))
        .collect();
    assert_eq!(
        rows,
        ["GET /healthz none", "GET /me required", "GET /ui none"],
        "{v:#}"
    );
    assert_eq!(v["summary"]["unresolved"], 0, "{v:#}");
    let ui = v["routes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["path"] == "/ui");
    assert_eq!(ui.unwrap()["registration"]["file"], "web/src/lib.rs");
    // Not an input: its hard-coded token is reported only when the run names it.
    let secrets = |what: &str| {
        json(&run_in(
            &root,
            &[
                "check",
                "--no-config",
                "--format",
                "json",
                "--select",
                "hardcoded-secret",
                what,
            ],
        ))
    };
    let own = secrets("server");
    assert!(diags(&own).is_empty(), "{own:#}");
    let all = secrets(".");
    assert!(
        diags(&all).iter().any(|d| d["rule"] == "hardcoded-secret"),
        "{all:#}"
    );
    // A crate the configuration excludes stays unread: its router is not followed.
    let tmp = tempfile::tempdir().unwrap();
    for f in [
        "Cargo.toml",
        "server/Cargo.toml",
        "server/src/main.rs",
        "paths/Cargo.toml",
        "paths/src/lib.rs",
        "web/Cargo.toml",
        "web/src/lib.rs",
    ] {
        let to = tmp.path().join(f);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(root.join(f), to).unwrap();
    }
    std::fs::write(tmp.path().join("apiward.toml"), "exclude = [\"web/**\"]\n").unwrap();
    let v = json(&run_in(
        tmp.path(),
        &["routes", "--format", "json", "server"],
    ));
    assert_eq!(v["summary"]["unresolved"], 1, "{v:#}");
    assert!(!v["routes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["path"] == "/ui"));
}

/// What the route scan could not resolve is listed by `routes` (table and JSON) and said
/// once per service by `check`, at the registration, as `incomplete-route-inventory`.
#[test]
fn unresolved_registrations_are_listed_and_reported() {
    let dir = "testdata/rust/idioms/rocket-route-lists";
    let v = json(&run(&["routes", "--no-config", "--format", "json", dir]));
    assert_eq!(v["summary"]["unresolved"], 1);
    let u = &v["unresolved"][0];
    assert!(u["reason"]
        .as_str()
        .unwrap()
        .starts_with("path part known only at run time"));
    assert_eq!(u["location"]["range"]["start"]["line"], 11);
    let table = stdout(&run(&["routes", "--no-config", dir]));
    assert!(
        table.contains("11 routes, 1 registrations not resolved"),
        "{table}"
    );
    assert!(table.contains("src/main.rs:11:"), "{table}");

    // Only its base path was read at run time: the routes below it are listed, nothing is
    // missing, and `check` says nothing of it.
    assert_eq!(u["routes_listed"], true);
    let v = json(&run(&["check", "--no-config", "--format", "json", dir]));
    assert!(!diags(&v)
        .iter()
        .any(|d| d["rule"] == "incomplete-route-inventory"));
    // A router that could not be followed is missing routes: said once, at it.
    let svc = service_project(
        "use axum::{routing::get, Router};\n\
         async fn items() -> &'static str { \"[]\" }\n\
         fn app() -> Router {\n\
         \x20   Router::new().route(\"/items\", get(items)).nest(\"/ext\", some_library::router())\n\
         }\n",
        "openapi: 3.0.3\ninfo: { title: Ext, version: \"1\" }\npaths: {}\n",
    );
    // The one `incomplete-route-inventory` of a `check` of the service.
    let the_note = || {
        let v = json(&run_in(
            svc.path(),
            &["check", "--no-config", "--format", "json", "."],
        ));
        let found: Vec<Value> = diags(&v)
            .iter()
            .filter(|d| d["rule"] == "incomplete-route-inventory")
            .cloned()
            .collect();
        assert_eq!(found.len(), 1, "{v:#}");
        found.into_iter().next().unwrap()
    };
    let note = the_note();
    assert_eq!(note["severity"], "info");
    assert!(note["file"].as_str().unwrap().ends_with("src/main.rs"));
    assert_eq!(note["range"]["start"]["line"], 4);
    // Nor does a test harness's app (a crate of test support, `test-context/`).
    put(
        svc.path(),
        "test-context/Cargo.toml",
        "[package]\nname = \"svc-test-context\"\nversion = \"0.1.0\"\n[dependencies]\naxum = \"0.8\"\n",
    );
    put(
        svc.path(),
        "test-context/src/lib.rs",
        "use axum::Router;\npub fn app(extra: Router) -> Router { Router::new().merge(helpers::routes()).merge(extra) }\n",
    );
    // (Still the one of the service's own crate.)
    assert!(the_note()["file"]
        .as_str()
        .unwrap()
        .ends_with("src/main.rs"));
    // A fully resolved service says nothing of the kind.
    let v = json(&run(&[
        "check",
        "--no-config",
        "--format",
        "json",
        "testdata/rust/idioms/actix-configure-calls",
    ]));
    assert!(!diags(&v)
        .iter()
        .any(|d| d["rule"] == "incomplete-route-inventory"));
}

const HEAD: &str = "use axum::{Router, routing::{get, delete}, extract::Query};\n";

/// Rust nested past the limits of `apiward_source::depth` (each at about twice the size
/// that overflowed the stack before), and code just under them, which must be analysed
/// without overflowing: each deep file is a located warning, the others are linted.
#[test]
fn deeply_nested_rust_is_reported_and_the_run_goes_on() {
    type Gen = fn(usize) -> String;
    let deep: [(&str, Gen, usize); 7] = [
        (
            "generics",
            |n| format!("type T = {}u8{};", "Vec<".repeat(n), ">".repeat(n)),
            600,
        ),
        (
            "blocks",
            |n| format!("fn f() {}{}", "{".repeat(n), "}".repeat(n)),
            800,
        ),
        (
            "mods",
            |n| format!("{}{}", "mod m { ".repeat(n), "}".repeat(n)),
            800,
        ),
        (
            "closures",
            |n| format!("fn f() {{ let c = {}1; }}", "|x| ".repeat(n)),
            5_000,
        ),
        (
            "parens",
            |n| format!("fn f() {{ let c = {}1{}; }}", "(".repeat(n), ")".repeat(n)),
            1_400,
        ),
        (
            "sum",
            |n| format!("fn f() {{ let c = {}; }}", vec!["a"; n].join(" + ")),
            64_000,
        ),
        (
            "calls",
            |n| {
                format!(
                    "async fn h(q: Query<String>) {{ let c = q{}; }}",
                    ".f()".repeat(n)
                )
            },
            8_000,
        ),
    ];
    // Under the limits: a long router chain, a long method chain in a handler (the
    // data-flow walk), nested generics and blocks.
    let shallow: [(&str, String); 4] = [
        (
            "router",
            format!(
                "async fn h() {{}}\nfn app() -> Router {{ Router::new(){} }}",
                ".route(\"/a\", get(h))".repeat(3_000)
            ),
        ),
        (
            "flow",
            format!(
                "async fn g(q: Query<String>) {{ let c = q{}; }}",
                ".f()".repeat(4_000)
            ),
        ),
        (
            "generic",
            format!("type U = {}u8{};", "Vec<".repeat(250), ">".repeat(250)),
        ),
        (
            "block",
            format!("fn k() {}{}", "{".repeat(250), "}".repeat(250)),
        ),
    ];
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("src");
    std::fs::create_dir_all(&src).unwrap();
    std::fs::write(
        src.join("main.rs"),
        format!(
            "{HEAD}async fn remove() {{}}\nfn api() -> Router {{ Router::new().route(\"/users/:id\", delete(remove)) }}\n"
        ),
    )
    .unwrap();
    for (name, gen, n) in &deep {
        std::fs::write(
            src.join(format!("{name}.rs")),
            format!("{HEAD}{}\n", gen(*n)),
        )
        .unwrap();
    }
    for (name, text) in &shallow {
        std::fs::write(src.join(format!("{name}.rs")), format!("{HEAD}{text}\n")).unwrap();
    }
    let o = run_in(
        dir.path(),
        &[
            "check",
            "--no-config",
            "--format",
            "json",
            "--preset",
            "all",
        ],
    );
    let v = json(&o);
    assert_eq!(o.status.code(), Some(1), "{v:#}");
    let diags = diags(&v);
    for (name, _, _) in &deep {
        let file = format!("src/{name}.rs");
        let d = diags
            .iter()
            .find(|d| d["file"].as_str().is_some_and(|f| f.ends_with(&file)))
            .unwrap_or_else(|| panic!("no diagnostic for {file}: {v:#}"));
        assert_eq!(d["rule"], "parse-error", "{d:#}");
        assert_eq!(d["severity"], "warning", "{d:#}");
        let message = d["message"].as_str().unwrap();
        assert!(message.contains("nested too deeply"), "{message}");
        // Located where the limit is passed: on the generated line, past its start.
        assert_eq!(d["range"]["start"]["line"], 2, "{d:#}");
        assert!(
            d["range"]["start"]["column"].as_u64().unwrap() > 10,
            "{d:#}"
        );
    }
    for (name, _) in &shallow {
        let file = format!("src/{name}.rs");
        assert!(
            !diags
                .iter()
                .any(|d| d["file"].as_str().is_some_and(|f| f.ends_with(&file))
                    && d["rule"] == "parse-error"),
            "{file} is under the limits: {v:#}"
        );
    }
    assert!(
        diags.iter().any(|d| d["rule"] == "unauthenticated-route"
            && d["file"]
                .as_str()
                .is_some_and(|f| f.ends_with("src/main.rs"))),
        "the other files are still linted: {v:#}"
    );
}

/// FIFOs and devices where files are expected (a `$ref` target, `Cargo.toml`, `Rocket.toml`,
/// a path on the command line, a symlink to `/dev/zero`) are refused, not waited on or read
/// without end; Rust files over `max-file-size` are not read either.
#[cfg(unix)]
#[test]
fn fifos_devices_and_large_files_are_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir_all(d.join("src")).unwrap();
    for fifo in ["part.yaml", "Cargo.toml", "Rocket.toml", "named.yaml"] {
        let made = std::process::Command::new("mkfifo")
            .arg(d.join(fifo))
            .status();
        if !made.is_ok_and(|s| s.success()) {
            eprintln!("skipped: no mkfifo");
            return;
        }
    }
    std::os::unix::fs::symlink("/dev/zero", d.join("zero.rs")).unwrap();
    std::fs::write(
        d.join("openapi.yaml"),
        "openapi: 3.0.0\ninfo: {title: t, version: \"1\"}\npaths:\n  /a:\n    get:\n      security: []\n      responses:\n        \"200\":\n          $ref: \"part.yaml#/r\"\n",
    )
    .unwrap();
    // A Rocket service reading its `Rocket.toml`, and a file over the limit.
    std::fs::write(
        d.join("src/main.rs"),
        "#[macro_use] extern crate rocket;\n#[get(\"/\")]\nfn index() -> &'static str { \"x\" }\n#[launch]\nfn rocket() -> _ { rocket::build().mount(\"/\", routes![index]) }\n",
    )
    .unwrap();
    let mut big = String::from("use axum::{Router, routing::delete};\nasync fn rm() {}\n");
    for i in 0..200 {
        big.push_str(&format!("// filler line {i} to pass the limit\n"));
    }
    big.push_str("fn app() -> Router { Router::new().route(\"/big\", delete(rm)) }\n");
    std::fs::write(d.join("src/big.rs"), &big).unwrap();
    std::fs::write(d.join("apiward.toml"), "max-file-size = 4000\n").unwrap();
    assert!(big.len() > 4000);
    // A FIFO named on the command line is read as a stream (its writer is not joined: were
    // it never read, the test would still end).
    let named = d.join("named.yaml");
    std::thread::spawn(move || {
        let _ = std::fs::write(
            named,
            "openapi: 3.0.0\ninfo: {title: n, version: \"1\"}\nservers: [{url: \"http://n.example\"}]\npaths: {}\n",
        );
    });
    let o = run_in(
        d,
        &["check", "--format", "json", ".", "named.yaml", "zero.rs"],
    );
    let v = json(&o);
    assert_eq!(o.status.code(), Some(2), "{v:#}");
    let said = |file: &str, words: &str| {
        diags(&v).iter().any(|x| {
            x["file"].as_str().is_some_and(|f| f.ends_with(file))
                && x["message"].as_str().is_some_and(|m| m.contains(words))
        })
    };
    // Where the `$ref` to the FIFO is written.
    assert!(
        said("openapi.yaml", "`$ref: part.yaml#/r` cannot be followed")
            && said("openapi.yaml", "it is a FIFO"),
        "{v:#}"
    );
    assert!(said("named.yaml", "uses plain HTTP"), "{v:#}");
    // A device named is read as a stream too, up to the limit.
    assert!(
        said("zero.rs", "holds more than 4000 bytes; it was not linted"),
        "{v:#}"
    );
    assert!(said("big.rs", "over the limit of 4000 bytes"), "{v:#}");
    // The rest is linted: the operation without security, the Rocket route.
    assert!(said("openapi.yaml", "anyone can call it"), "{v:#}");
    assert!(!said("big.rs", "/big"), "{v:#}");
}

/// Positions in every format agree with a reference count of the file's bytes, whatever its
/// line breaks (`\n`, `\r\n`, a lone `\r`, as YAML counts them) and with or without a byte
/// order mark (offsets count its 3 bytes; columns start after it).
#[test]
fn positions_follow_line_breaks_and_the_bom() {
    let dir = tempfile::tempdir().unwrap();
    let mut expected = Vec::new();
    for (ext, json) in [("yaml", false), ("json", true)] {
        for (brk_name, brk) in [("lf", "\n"), ("crlf", "\r\n"), ("cr", "\r")] {
            for bom in [false, true] {
                let lines: Vec<String> = if json {
                    vec![
                        "{\"openapi\": \"3.0.3\",".into(),
                        format!("\"info\": {{\"title\": \"é {ext} {brk_name} {bom}\", \"version\": \"1\"}},"),
                        "\"paths\": {\"/a\":".into(),
                        "  {\"get\": {\"responses\": {}}}}}".into(),
                    ]
                } else {
                    vec![
                        "openapi: 3.0.3".into(),
                        // One title per file: copies of one description report once.
                        format!("info: {{title: é {ext} {brk_name} {bom}, version: \"1\"}}"),
                        "paths:".into(),
                        "  /a: {get: {responses: {}}}".into(),
                    ]
                };
                let mut text = if bom {
                    "\u{FEFF}".to_owned()
                } else {
                    String::new()
                };
                text.push_str(&lines.join(brk));
                text.push_str(brk);
                let name = format!("{brk_name}-{}.{ext}", if bom { "bom" } else { "plain" });
                std::fs::write(dir.path().join(&name), &text).unwrap();
                let offset = text.find("get").unwrap() - usize::from(json);
                let before = &text[..offset];
                let line = 1 + before.matches(brk).count();
                let line_start = before.rfind(['\n', '\r']).map_or(0, |i| i + 1);
                let column = 1 + before[line_start..]
                    .trim_start_matches('\u{FEFF}')
                    .chars()
                    .count();
                expected.push((name, line, column, offset));
            }
        }
    }
    // Two byte order marks make no JSON document.
    std::fs::write(
        dir.path().join("two-boms.json"),
        "\u{FEFF}\u{FEFF}{\"openapi\": \"3.0.3\", \"info\": {\"title\": \"t\", \"version\": \"1\"}, \"paths\": {}}",
    )
    .unwrap();
    let o = run_in(
        dir.path(),
        &["check", "--no-config", "--format", "json", "."],
    );
    let v = json(&o);
    let of = |file: &str, rule: &str| {
        diags(&v)
            .iter()
            .find(|d| d["file"] == file && d["rule"] == rule)
            .unwrap_or_else(|| panic!("no {rule} in {file}: {v:#}"))
            .clone()
    };
    of("two-boms.json", "parse-error");
    let o = run_in(
        dir.path(),
        &["check", "--no-config", "--format", "sarif", "."],
    );
    let sarif = json(&o);
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    for (name, line, column, offset) in &expected {
        let start = &of(name, "missing-auth")["range"]["start"];
        assert_eq!(
            (
                start["line"].as_u64(),
                start["column"].as_u64(),
                start["offset"].as_u64()
            ),
            (
                Some(*line as u64),
                Some(*column as u64),
                Some(*offset as u64)
            ),
            "{name}"
        );
        let region = results
            .iter()
            .filter(|r| r["ruleId"] == "missing-auth")
            .map(|r| &r["locations"][0]["physicalLocation"])
            .find(|l| l["artifactLocation"]["uri"] == name.as_str())
            .map_or_else(|| panic!("no SARIF result for {name}"), |l| &l["region"]);
        assert_eq!(region["startLine"], *line as u64, "{name}");
        assert_eq!(region["startColumn"], *column as u64, "{name}");
        assert_eq!(region["byteOffset"], *offset as u64, "{name}");
    }
}

/// A `$ref` to a file that cannot be read is reported where the `$ref` is written, once per
/// `$ref`, not at 1:1 of a file that is not there.
#[test]
fn refs_to_missing_files_are_reported_at_the_ref() {
    let dir = tempfile::tempdir().unwrap();
    let refs: Vec<String> = (0..5)
        .map(|i| {
            format!(
                "        \"{}\": {{$ref: \"gone{}.yaml#/r\"}}\n",
                200 + i,
                i % 2
            )
        })
        .collect();
    let text = format!(
        "openapi: 3.0.3\ninfo: {{title: t, version: \"1\"}}\npaths:\n  /a:\n    get:\n      responses:\n{}",
        refs.concat()
    );
    std::fs::write(dir.path().join("openapi.yaml"), &text).unwrap();
    let o = run_in(
        dir.path(),
        &["check", "--no-config", "--format", "json", "."],
    );
    assert_eq!(o.status.code(), Some(2));
    let v = json(&o);
    let unresolved: Vec<&Value> = diags(&v)
        .iter()
        .filter(|d| d["rule"] == "unresolved-ref")
        .collect();
    assert_eq!(unresolved.len(), refs.len(), "{v:#}");
    for (i, d) in unresolved.iter().enumerate() {
        assert_eq!(d["file"], "openapi.yaml", "{d:#}");
        assert_eq!(d["range"]["start"]["line"], 7 + i as u64, "{d:#}");
        let message = d["message"].as_str().unwrap();
        assert!(
            message.contains(&format!("gone{}.yaml", i % 2)),
            "{message}"
        );
    }
    assert!(
        !diags(&v)
            .iter()
            .any(|d| d["file"].as_str().is_some_and(|f| f.starts_with("gone"))),
        "{v:#}"
    );
}

/// Older copies of a description in version-named folders beside the current one, and
/// templates, are set aside in a directory walk with one note each; named on the command
/// line, a copy is linted.
#[test]
fn superseded_copies_and_templates_are_set_aside() {
    let tmp = tempfile::tempdir().unwrap();
    let doc = "openapi: 3.0.3\ninfo:\n  title: Store\n  version: '1'\nservers:\n  - url: http://store.example.com\npaths: {}\n";
    for v in ["master", "v1.9.x", "v1.10.x"] {
        let d = tmp.path().join("docs/api").join(v);
        std::fs::create_dir_all(&d).unwrap();
        std::fs::write(d.join("openapi.yaml"), doc).unwrap();
    }
    std::fs::write(
        tmp.path().join("docs/openapi-main.ytt.yaml"),
        format!("#@ load(\"@ytt:data\", \"data\")\n{doc}"),
    )
    .unwrap();
    let v = json(&run_in(
        tmp.path(),
        &["check", "--no-config", "--format", "json", "."],
    ));
    let notes: Vec<&Value> = diags(&v)
        .iter()
        .filter(|d| d["rule"] == "superseded-description")
        .collect();
    assert_eq!(notes.len(), 2, "{v:#}");
    assert!(notes[0]["message"]
        .as_str()
        .unwrap()
        .starts_with("2 older copies"));
    let http: Vec<&str> = diags(&v)
        .iter()
        .filter(|d| d["rule"] == "http-only-server")
        .map(|d| d["file"].as_str().unwrap())
        .collect();
    assert_eq!(http, ["docs/api/master/openapi.yaml"], "{v:#}");
    // Named on the command line, a copy is linted.
    let v = json(&run_in(
        tmp.path(),
        &[
            "check",
            "--no-config",
            "--format",
            "json",
            "docs/api/v1.9.x/openapi.yaml",
        ],
    ));
    assert!(diags(&v).iter().any(|d| d["rule"] == "http-only-server"));
}

/// A value the description leaves unbounded that the handler's types bound (a `validator`
/// attribute with a maximum, a type whose `Deserialize` caps it) is still reported on the
/// description, at info, with the code's bound as related; an unbounded one stays a warning.
#[test]
fn bound_in_code_drops_the_description_finding_to_info() {
    let main_rs = "use axum::{routing::{get, post}, Json, Router, extract::Query};\n\
         use serde::Deserialize;\n\
         use validator::Validate;\n\
         #[derive(Deserialize, Validate)]\n\
         #[serde(rename_all = \"camelCase\")]\n\
         struct NoteIn {\n\
         \x20   #[validate(length(min = 1, max = 500))]\n\
         \x20   note_text: String,\n\
         \x20   title: String,\n\
         }\n\
         struct PageSize(u32);\n\
         impl<'de> Deserialize<'de> for PageSize {\n\
         \x20   fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {\n\
         \x20       let n = u32::deserialize(d)?;\n\
         \x20       Ok(PageSize(n.min(MAX_PAGE)))\n\
         \x20   }\n\
         }\n\
         #[derive(Deserialize)]\n\
         struct ListQuery { limit: Option<PageSize>, cursor: Option<String> }\n\
         async fn list(Query(q): Query<ListQuery>) -> &'static str { \"[]\" }\n\
         async fn create(Json(n): Json<NoteIn>) -> &'static str { n.validate().ok(); \"ok\" }\n\
         fn app() -> Router { Router::new().route(\"/notes\", get(list).post(create)) }\n";
    let spec = "openapi: 3.0.3\ninfo: { title: Notes, version: \"1\" }\n\
         servers:\n  - url: https://api.example.com\nsecurity: []\n\
         paths:\n  /notes:\n    get:\n      parameters:\n\
         \x20       - { name: limit, in: query, schema: { type: integer } }\n\
         \x20     responses:\n        \"200\": { description: ok }\n\
         \x20   post:\n      requestBody:\n        content:\n          application/json:\n\
         \x20           schema: { $ref: \"#/components/schemas/NoteIn\" }\n\
         \x20     responses:\n        \"200\": { description: ok }\n\
         components:\n  schemas:\n    NoteIn:\n      type: object\n      properties:\n\
         \x20       noteText: { type: string }\n        title: { type: string }\n";
    let dir = service_project(main_rs, spec);
    let check = |select: &str| {
        let args = [
            "check",
            "--no-config",
            "--format",
            "json",
            "--select",
            select,
            ".",
        ];
        json(&run_in(dir.path(), &args))
    };
    let v = check("unbounded-string,unbounded-array,unbounded-page-size");
    let found: Vec<(String, String, String, String)> = diags(&v)
        .iter()
        .filter(|d| d["file"] == "openapi.yaml")
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_owned(),
                d["pointer"].as_str().unwrap_or("").to_owned(),
                d["severity"].as_str().unwrap().to_owned(),
                d["related"][0]["range"]["start"]["line"].to_string(),
            )
        })
        .collect();
    let want = |r: &str, p: &str, s: &str, l: &str| (r.into(), p.into(), s.into(), l.into());
    assert_eq!(
        found,
        [
            want(
                "unbounded-page-size",
                "/paths/~1notes/get/parameters/0",
                "info",
                "12"
            ),
            want(
                "unbounded-string",
                "/components/schemas/NoteIn/properties/noteText",
                "info",
                "7"
            ),
            want(
                "unbounded-string",
                "/components/schemas/NoteIn/properties/title",
                "warning",
                "null"
            ),
        ],
        "{v:#}"
    );
    // A validator attribute the crate never runs bounds nothing.
    std::fs::write(
        dir.path().join("src/main.rs"),
        main_rs.replace("n.validate().ok(); ", ""),
    )
    .unwrap();
    let v = check("unbounded-string");
    assert!(
        diags(&v).iter().all(|d| d["severity"] == "warning"),
        "{v:#}"
    );
}

/// A schema named after no struct is matched with the struct shaped like it (most of its
/// properties, by serialised names and aliases; a validated struct before models), and a
/// string read into a type that holds no free text (a newtype of an integer declared by a
/// macro of the crate, an enum of names) is bounded by it; a validator's `length` on a list
/// counts its items, not their characters.
#[test]
fn bounds_found_in_structs_shaped_like_the_schema() {
    let main_rs = "use axum::{routing::post, Json, Router};\n\
         use serde::Deserialize;\n\
         use validator::Validate;\n\
         macro_rules! id_type {\n\
         \x20   ($name:ident) => {\n\
         \x20       #[derive(Deserialize)]\n\
         \x20       pub struct $name(pub u64);\n\
         \x20   };\n\
         }\n\
         id_type!(ProjectId);\n\
         #[derive(Deserialize)]\n\
         #[serde(rename_all = \"lowercase\")]\n\
         enum Channel { Release, Beta, Alpha }\n\
         #[derive(Deserialize, Validate)]\n\
         struct InitialVersionData {\n\
         \x20   project_id: Option<ProjectId>,\n\
         \x20   #[validate(length(min = 1, max = 64))]\n\
         \x20   #[serde(alias = \"name\")]\n\
         \x20   version_title: String,\n\
         \x20   #[validate(length(max = 16))]\n\
         \x20   game_versions: Vec<String>,\n\
         \x20   channels: Vec<Channel>,\n\
         \x20   changelog: Option<String>,\n\
         }\n\
         #[derive(Deserialize, serde::Serialize)]\n\
         struct Version { project_id: String, name: String, game_versions: Vec<String>, channels: Vec<String>, changelog: Option<String> }\n\
         async fn create(Json(v): Json<InitialVersionData>) -> &'static str { v.validate().ok(); \"ok\" }\n\
         fn app() -> Router { Router::new().route(\"/versions\", post(create)) }\n";
    let spec = "openapi: 3.0.3\ninfo: { title: Versions, version: \"1\" }\n\
         servers:\n  - url: https://api.example.com\nsecurity: []\n\
         paths:\n  /versions:\n    post:\n      requestBody:\n        content:\n\
         \x20         application/json:\n\
         \x20           schema: { $ref: \"#/components/schemas/CreatableVersion\" }\n\
         \x20     responses:\n        \"200\": { description: ok }\n\
         components:\n  schemas:\n\
         \x20   BaseVersion:\n      type: object\n      properties:\n\
         \x20       name: { type: string }\n\
         \x20       game_versions: { type: array, items: { type: string } }\n\
         \x20       channels: { type: array, maxItems: 3, items: { type: string } }\n\
         \x20       changelog: { type: string }\n\
         \x20   CreatableVersion:\n      allOf:\n\
         \x20       - $ref: \"#/components/schemas/BaseVersion\"\n\
         \x20       - type: object\n          properties:\n\
         \x20           project_id: { type: string }\n";
    let dir = service_project(main_rs, spec);
    let v = check_json(
        dir.path(),
        &[
            "--select",
            "unbounded-string,unbounded-array,unbounded-page-size",
        ],
    );
    let mut found: Vec<(String, String, String)> = diags(&v)
        .iter()
        .filter(|d| d["file"] == "openapi.yaml")
        .map(|d| {
            let p = d["pointer"].as_str().unwrap_or("");
            (
                p.trim_start_matches("/components/schemas/").to_owned(),
                d["severity"].as_str().unwrap().to_owned(),
                d["related"][0]["range"]["start"]["line"].to_string(),
            )
        })
        .collect();
    found.sort();
    let want = |p: &str, s: &str, l: &str| (p.to_owned(), s.to_owned(), l.to_owned());
    assert_eq!(
        found,
        [
            want("BaseVersion/properties/changelog", "warning", "null"),
            want("BaseVersion/properties/channels/items", "info", "22"),
            want("BaseVersion/properties/game_versions", "info", "20"),
            want(
                "BaseVersion/properties/game_versions/items",
                "warning",
                "null"
            ),
            want("BaseVersion/properties/name", "info", "17"),
            want(
                "CreatableVersion/allOf/1/properties/project_id",
                "info",
                "16"
            ),
        ],
        "{v:#}"
    );
}

/// A secret the description returns that the code never sends as it is: a field of a type
/// whose `Serialize` writes a fixed mask, a field serde skips when it serialises, a field
/// holding one of an enum's unit variants. The finding stays (the description is the
/// contract) at info, naming where the code masks it; a plain field stays a warning, and a
/// client's model of the same name in a crate the service does not depend on is not asked.
#[test]
fn secrets_the_code_masks_are_said_at_info() {
    let main_rs = "use axum::{routing::get, Json, Router};\n\
         use serde::{Serialize, Serializer};\n\
         pub struct Masked<T>(T);\n\
         impl<T> Serialize for Masked<T> {\n\
         \x20   fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> { s.serialize_str(\"***\") }\n\
         }\n\
         #[derive(Serialize)]\n\
         pub enum SecretState { Unset, Set }\n\
         #[derive(Serialize)]\n\
         pub struct Account {\n\
         \x20   api_key: Option<Masked<String>>,\n\
         \x20   #[serde(default, skip_serializing)]\n\
         \x20   password: Option<String>,\n\
         \x20   client_secret: SecretState,\n\
         \x20   refresh_token: String,\n\
         }\n\
         async fn account() -> Json<Account> { todo!() }\n\
         fn app() -> Router { Router::new().route(\"/account\", get(account)) }\n";
    let spec = "openapi: 3.0.3\ninfo: { title: Accounts, version: \"1\" }\n\
         servers:\n  - url: https://api.example.com\nsecurity: []\n\
         paths:\n  /account:\n    get:\n      responses:\n        \"200\":\n\
         \x20         description: ok\n          content:\n            application/json:\n\
         \x20             schema: { $ref: \"#/components/schemas/Account\" }\n\
         components:\n  schemas:\n    Account:\n      type: object\n      properties:\n\
         \x20       api_key: { type: string }\n\
         \x20       password: { type: string }\n\
         \x20       client_secret: { type: string }\n\
         \x20       refresh_token: { type: string }\n";
    let dir = service_project(main_rs, spec);
    // A generated client's model of the same name sends them all.
    put(
        dir.path(),
        "client/Cargo.toml",
        "[package]\nname = \"client\"\nversion = \"0.1.0\"\n",
    );
    put(
        dir.path(),
        "client/src/lib.rs",
        "#[derive(serde::Serialize)]\npub struct Account { pub api_key: String, pub password: String }\n",
    );
    let v = check_json(dir.path(), &["--select", "sensitive-data-in-response"]);
    let mut found: Vec<(String, String, String)> = diags(&v)
        .iter()
        .map(|d| {
            (
                d["pointer"]
                    .as_str()
                    .unwrap_or("")
                    .trim_start_matches("/components/schemas/Account/properties/")
                    .to_owned(),
                d["severity"].as_str().unwrap().to_owned(),
                d["related"][0]["range"]["start"]["line"].to_string(),
            )
        })
        .collect();
    found.sort();
    let want = |p: &str, s: &str, l: &str| (p.to_owned(), s.to_owned(), l.to_owned());
    assert_eq!(
        found,
        [
            want("api_key", "info", "4"),
            want("client_secret", "info", "14"),
            want("password", "info", "12"),
            want("refresh_token", "warning", "null"),
        ],
        "{v:#}"
    );
    let masked = messages_of(&v, "sensitive-data-in-response");
    assert!(
        masked.iter().any(|m| m.ends_with(
            "looks like a password, but the code never sends it as it is (`#[serde(skip_serializing)]` on `Account.password`)"
        )),
        "{masked:#?}"
    );
}

/// The request types of a service often live in a crate of their own that the serving
/// crate depends on by path (through `workspace = true` too): its structs are matched with
/// the description's schemas, and a type read through `#[serde(try_from = "String")]`
/// whose `TryFrom` caps the length bounds the string. A crate the service does not depend
/// on (a client's) is not asked.
#[test]
fn request_types_of_a_crate_the_service_depends_on() {
    let tmp = tempfile::tempdir().unwrap();
    let w = |rel: &str, text: &str| put(tmp.path(), rel, text);
    w(
        "Cargo.toml",
        "[workspace]\nmembers = [\"api\", \"types\", \"client\"]\n\
         [workspace.dependencies]\ntypes = { path = \"types\" }\n",
    );
    w(
        "api/Cargo.toml",
        "[package]\nname = \"api\"\nversion = \"0.1.0\"\n[dependencies]\ntypes = { workspace = true }\n",
    );
    w(
        "api/src/main.rs",
        "use axum::{routing::post, Json, Router};\n\
         async fn create(Json(_b): Json<types::NewItem>) -> &'static str { \"\" }\n\
         fn app() -> Router { Router::new().route(\"/items\", post(create)) }\n",
    );
    w(
        "types/Cargo.toml",
        "[package]\nname = \"types\"\nversion = \"0.1.0\"\n",
    );
    w(
        "types/src/lib.rs",
        "use serde::Deserialize;\n\
         const NOTE_LIMIT: usize = 255;\n\
         #[derive(Deserialize)]\n\
         #[serde(try_from = \"String\")]\n\
         pub struct Note(String);\n\
         impl TryFrom<String> for Note {\n\
         \x20   type Error = String;\n\
         \x20   fn try_from(v: String) -> Result<Self, String> {\n\
         \x20       if v.len() > NOTE_LIMIT { return Err(\"too long\".into()); }\n\
         \x20       Ok(Note(v))\n\
         \x20   }\n\
         }\n\
         #[derive(Deserialize)]\n\
         pub struct NewItem { pub name: String, pub note: Note, pub kind: u8 }\n",
    );
    // A client's struct of the same shape, whose `note` is bounded otherwise: not asked.
    w(
        "client/Cargo.toml",
        "[package]\nname = \"client\"\nversion = \"0.1.0\"\n",
    );
    w(
        "client/src/lib.rs",
        "use serde::Deserialize;\n\
         #[derive(Deserialize)]\n\
         pub struct Item { pub name: uuid::Uuid, pub note: String, pub kind: u8 }\n",
    );
    w(
        "api/openapi.yaml",
        "openapi: 3.0.3\ninfo: { title: Items, version: \"1\" }\nsecurity: []\n\
         paths:\n  /items:\n    post:\n      requestBody:\n        content:\n\
         \x20         application/json:\n\
         \x20           schema: { $ref: \"#/components/schemas/CreateItemRequestContent\" }\n\
         \x20     responses:\n        \"200\": { description: ok }\n\
         components:\n  schemas:\n    CreateItemRequestContent:\n      type: object\n\
         \x20     properties:\n        name: { type: string }\n        note: { type: string }\n\
         \x20       kind: { type: integer, maximum: 9 }\n",
    );
    let v = check_json(tmp.path(), &["--preset", "all"]);
    let found: Vec<(String, String)> = diags(&v)
        .iter()
        .filter(|d| d["rule"] == "unbounded-string")
        .map(|d| {
            (
                d["pointer"]
                    .as_str()
                    .unwrap()
                    .rsplit('/')
                    .next()
                    .unwrap()
                    .to_owned(),
                d["severity"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("name".to_owned(), "warning".to_owned()),
            ("note".to_owned(), "info".to_owned())
        ],
        "{v:#}"
    );
}

/// An error handed on from a function of another crate (a file apiward walks for no rule
/// of its own) is judged by that function's error type: one whose `Display` prints a fixed
/// phrase leaks nothing. Only the definitions the handler's crate can call count: a
/// same-named function of a crate it does not depend on, failing with text, changes
/// nothing; one of a crate it does depend on does.
#[test]
fn an_error_type_of_another_crate_with_a_fixed_text_leaks_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let w = |rel: &str, text: &str| put(tmp.path(), rel, text);
    w(
        "Cargo.toml",
        "[workspace]\nmembers = [\"api\", \"queue\", \"other\"]\n",
    );
    w(
        "api/Cargo.toml",
        "[package]\nname = \"api\"\nversion = \"0.1.0\"\n[dependencies]\nqueue = { path = \"../queue\" }\n",
    );
    w(
        "api/src/main.rs",
        "use actix_web::{web, App, HttpServer, Responder};\n\
         async fn ingest(q: web::Data<queue::Queue>, body: String) -> actix_web::Result<impl Responder> {\n\
         \x20   q.handle_message(body)\n\
         \x20       .await\n\
         \x20       .map_err(|e| actix_web::error::ErrorInternalServerError(format!(\"Error: {}\", e)))?;\n\
         \x20   Ok(\"ok\")\n\
         }\n\
         #[actix_web::main]\n\
         async fn main() -> std::io::Result<()> {\n\
         \x20   HttpServer::new(|| App::new().route(\"/ingest\", web::post().to(ingest)))\n\
         \x20       .bind((\"127.0.0.1\", 8080))?.run().await\n\
         }\n",
    );
    w(
        "queue/Cargo.toml",
        "[package]\nname = \"queue\"\nversion = \"0.1.0\"\n",
    );
    let queue = "use std::fmt;\n\
         #[derive(Debug)]\n\
         pub struct SendError;\n\
         impl fmt::Display for SendError {\n\
         \x20   fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result { write!(f, \"queue receiver dropped\") }\n\
         }\n\
         pub struct Queue;\n\
         impl Queue {\n\
         \x20   pub async fn handle_message(&self, m: String) -> Result<(), SendError> { let _ = m; Err(SendError) }\n\
         }\n";
    w("queue/src/lib.rs", queue);
    // A crate the service does not depend on, with a same-named function failing with text.
    w(
        "other/Cargo.toml",
        "[package]\nname = \"other\"\nversion = \"0.1.0\"\n",
    );
    let other = "pub struct Adapter;\n\
         impl Adapter {\n\
         \x20   pub async fn handle_message(&self, m: String) -> Result<(), String> { Err(m) }\n\
         }\n";
    w("other/src/lib.rs", other);
    let leaks = |v: &Value| messages_of(v, "leaky-error-response").len();
    // Preset `all` since session 33.
    let sel = ["--select", "leaky-error-response"];
    let v = check_json(tmp.path(), &sel);
    assert_eq!(leaks(&v), 0, "{v:#}");
    // The queue's error prints what it holds: reported.
    w(
        "queue/src/lib.rs",
        &queue.replace(
            "write!(f, \"queue receiver dropped\")",
            "write!(f, \"{:?}\", self)",
        ),
    );
    let v = check_json(tmp.path(), &sel);
    assert_eq!(leaks(&v), 1, "{v:#}");
    // The service depends on both crates: one of the two definitions fails with text.
    w("queue/src/lib.rs", queue);
    w(
        "api/Cargo.toml",
        "[package]\nname = \"api\"\nversion = \"0.1.0\"\n[dependencies]\nqueue = { path = \"../queue\" }\nother = { path = \"../other\" }\n",
    );
    let v = check_json(tmp.path(), &sel);
    assert_eq!(leaks(&v), 1, "{v:#}");
}

/// Test code yields no findings by default; `[rust] test-code = true` reports them.
#[test]
fn test_code_is_reported_only_when_asked() {
    let dir = rust_project(
        "use axum::{routing::get, Router};\n\
         use jsonwebtoken::EncodingKey;\n\
         async fn home() -> &'static str { \"hi\" }\n\
         fn app() -> Router { Router::new().route(\"/\", get(home)) }\n\
         #[cfg(test)]\n\
         mod tests {\n\
         \x20   fn key() -> jsonwebtoken::EncodingKey { EncodingKey::from_secret(b\"super-secret\") }\n\
         }\n",
    );
    let secrets = |v: &Value| -> Vec<u64> {
        diags(v)
            .iter()
            .filter(|d| d["rule"] == "hardcoded-secret")
            .map(|d| d["range"]["start"]["line"].as_u64().unwrap())
            .collect()
    };
    let args = [
        "check",
        "--format",
        "json",
        "--select",
        "hardcoded-secret",
        ".",
    ];
    let v = json(&run_in(dir.path(), &args));
    assert_eq!(secrets(&v), Vec::<u64>::new(), "{v:#}");
    std::fs::write(
        dir.path().join("apiward.toml"),
        "[rust]\ntest-code = true\n",
    )
    .unwrap();
    let v = json(&run_in(dir.path(), &args));
    assert_eq!(secrets(&v), [7], "{v:#}");
}

/// A description titled `title` whose `paths` each take a `POST` of one unbounded string.
fn notes_description(title: &str, paths: &[&str]) -> String {
    let op = |path: &str| {
        format!(
            "  {path}:\n    post:\n      requestBody:\n        content:\n          application/json:\n            schema: {{ type: object, properties: {{ note: {{ type: string }} }} }}\n      responses:\n        \"200\": {{ description: ok }}\n"
        )
    };
    format!(
        "openapi: 3.0.3\ninfo: {{ title: {title}, version: '1' }}\nservers:\n  - url: https://api.example.com\npaths:\n{}",
        paths.iter().map(|p| op(p)).collect::<String>()
    )
}

/// Two copies of one description (same title, shared paths; one trimmed) in one tree: a
/// finding both make is reported once, in the copy with more operations, with the other copy
/// as a related place; a finding only one makes stays; another API's findings stay.
#[test]
fn copies_of_one_description_report_a_finding_once() {
    let tmp = tempfile::tempdir().unwrap();
    for (file, text) in [
        (
            "clients/openapi.yaml",
            notes_description("Notes", &["/a", "/b"]),
        ),
        ("website/openapi.yaml", notes_description("Notes", &["/a"])),
        ("other/openapi.yaml", notes_description("Other", &["/a"])),
    ] {
        let p = tmp.path().join(file);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    let v = check_json(tmp.path(), &["--preset", "all", "."]);
    let found: Vec<(&str, &str, usize)> = diags(&v)
        .iter()
        .filter(|d| d["rule"] == "unbounded-string")
        .map(|d| {
            (
                d["file"].as_str().unwrap(),
                d["pointer"].as_str().unwrap(),
                d["related"].as_array().map_or(0, Vec::len),
            )
        })
        .collect();
    let note = "/requestBody/content/application~1json/schema/properties/note";
    assert_eq!(
        found,
        [
            (
                "clients/openapi.yaml",
                &*format!("/paths/~1a/post{note}"),
                1
            ),
            (
                "clients/openapi.yaml",
                &*format!("/paths/~1b/post{note}"),
                0
            ),
            ("other/openapi.yaml", &*format!("/paths/~1a/post{note}"), 0),
        ],
        "{v:#}"
    );
    let related = diags(&v)
        .iter()
        .find(|d| d["rule"] == "unbounded-string" && d["related"].is_array())
        .map(|d| d["related"][0]["file"].clone());
    assert_eq!(related, Some(Value::from("website/openapi.yaml")));
}

/// Two editions of one API under two titles (`Store` and `Store＋` for a paid edition)
/// that share most of their paths are copies too: a finding both make is reported once;
/// an API sharing a few paths with them is another.
#[test]
fn editions_of_one_description_report_a_finding_once() {
    let tmp = tempfile::tempdir().unwrap();
    let open = ["/a", "/b", "/c", "/d", "/e", "/f"];
    for (file, text) in [
        ("docs/store.yaml", notes_description("Store", &open)),
        (
            "docs/store-plus.yaml",
            notes_description("Store＋", &["/a", "/b", "/c", "/d", "/e", "/g", "/h"]),
        ),
        (
            "docs/other.yaml",
            notes_description("Other", &["/a", "/b", "/x", "/y", "/z", "/w", "/v"]),
        ),
    ] {
        std::fs::create_dir_all(tmp.path().join("docs")).unwrap();
        std::fs::write(tmp.path().join(file), text).unwrap();
    }
    let v = check_json(tmp.path(), &["--preset", "all", "."]);
    let mut per_file: std::collections::BTreeMap<&str, usize> = Default::default();
    for d in diags(&v).iter().filter(|d| d["rule"] == "unbounded-string") {
        *per_file.entry(d["file"].as_str().unwrap()).or_default() += 1;
    }
    // The edition with more operations keeps the shared five and its own two; the other
    // keeps its own one; another API keeps all of its seven.
    assert_eq!(
        per_file.into_iter().collect::<Vec<_>>(),
        [
            ("docs/other.yaml", 7),
            ("docs/store-plus.yaml", 7),
            ("docs/store.yaml", 1)
        ],
        "{v:#}"
    );
}

/// An operation the description leaves open (`security: []`) whose code requires auth is
/// documentation drift: `auth-mismatch` (info) at the operation, not `missing-auth`.
#[test]
fn open_operation_with_authenticated_code_is_drift_not_missing_auth() {
    let dir = service_project(
        "use axum::{routing::delete, Router};\n\
         async fn remove(_a: TypedHeader<Authorization<Bearer>>) -> &'static str { \"ok\" }\n\
         fn app() -> Router { Router::new().route(\"/items/{id}\", delete(remove)) }\n",
        "openapi: 3.0.3\ninfo: { title: Items, version: \"1\" }\nservers:\n  - url: https://api.example.com\n\
         paths:\n  /items/{id}:\n    delete:\n      security: []\n      parameters:\n\
         \x20       - { name: id, in: path, required: true, schema: { type: string, format: uuid } }\n\
         \x20     responses:\n        \"204\": { description: gone }\n",
    );
    let d = dir.path();
    let v = json(&run_in(
        d,
        &["check", "--no-config", "--format", "json", "."],
    ));
    let rules: Vec<(&str, &str)> = diags(&v)
        .iter()
        .map(|x| (x["rule"].as_str().unwrap(), x["severity"].as_str().unwrap()))
        .collect();
    assert_eq!(rules, [("auth-mismatch", "info")], "{v:#}");
}

/// No `unimplemented-endpoint` under a prefix whose routes the scan could not resolve; one
/// elsewhere still is.
#[test]
fn unimplemented_endpoints_are_not_reported_under_unresolved_prefixes() {
    let dir = service_project(
        "use axum::{routing::get, Router};\n\
         async fn items() -> &'static str { \"[]\" }\n\
         fn app() -> Router {\n\
         \x20   Router::new().route(\"/items\", get(items)).nest(\"/ext\", some_library::router())\n\
         }\n",
        "openapi: 3.0.3\ninfo: { title: Ext, version: \"1\" }\npaths:\n\
         \x20 /items:\n    get:\n      responses: { \"200\": { description: ok } }\n\
         \x20 /ext/status:\n    get:\n      responses: { \"200\": { description: ok } }\n\
         \x20 /orders:\n    get:\n      responses: { \"200\": { description: ok } }\n",
    );
    let d = dir.path();
    let v = json(&run_in(
        d,
        &[
            "check",
            "--no-config",
            "--format",
            "json",
            "--select",
            "unimplemented-endpoint,incomplete-route-inventory",
        ],
    ));
    let found: Vec<(&str, &str)> = diags(&v)
        .iter()
        .map(|x| (x["rule"].as_str().unwrap(), x["message"].as_str().unwrap()))
        .collect();
    assert_eq!(found.len(), 2, "{v:#}");
    assert!(found
        .iter()
        .any(|(r, m)| *r == "unimplemented-endpoint" && m.contains("/orders")));
    assert!(found
        .iter()
        .any(|(r, _)| *r == "incomplete-route-inventory"));
}

/// Documentation pages, probes and pages outside the part of the URL space a description
/// covers (`/api/v1/..` here) are not undocumented endpoints; an API route missing from it
/// is.
#[test]
fn undocumented_endpoints_are_api_routes_the_description_covers() {
    let dir = service_project(
        "use axum::{routing::{get, post}, Router};\n\
         async fn h() -> &'static str { \"\" }\n\
         fn app() -> Router {\n\
         \x20   Router::new()\n\
         \x20       .route(\"/api/v1/items\", get(h).post(h))\n\
         \x20       .route(\"/api/v1/items/{id}\", get(h))\n\
         \x20       .route(\"/api/v1/orders\", get(h))\n\
         \x20       .route(\"/api/v1/exports\", post(h))\n\
         \x20       .route(\"/api/v1/openapi.json\", get(h))\n\
         \x20       .route(\"/docs\", get(h))\n\
         \x20       .route(\"/healthz\", get(h))\n\
         \x20       .route(\"/join\", get(h))\n\
         \x20       .route(\"/panel/settings\", get(h))\n\
         }\n",
        "openapi: 3.0.3\ninfo: { title: Items, version: \"1\" }\npaths:\n\
         \x20 /api/v1/items:\n    get:\n      responses: { \"200\": { description: ok } }\n\
         \x20   post:\n      responses: { \"200\": { description: ok } }\n\
         \x20 /api/v1/items/{id}:\n    get:\n      parameters:\n\
         \x20       - { name: id, in: path, required: true, schema: { type: string, format: uuid } }\n\
         \x20     responses: { \"200\": { description: ok } }\n\
         \x20 /api/v1/orders:\n    get:\n      responses: { \"200\": { description: ok } }\n",
    );
    let v = json(&run_in(
        dir.path(),
        &[
            "check",
            "--no-config",
            "--format",
            "json",
            "--select",
            "undocumented-endpoint",
        ],
    ));
    let found: Vec<&str> = diags(&v)
        .iter()
        .map(|x| x["message"].as_str().unwrap())
        .collect();
    assert_eq!(found.len(), 1, "{v:#}");
    assert!(found[0].contains("`POST /api/v1/exports`"), "{v:#}");
}

/// A handler answering only with an HTML page it renders (`Html(..)`, a template) is the
/// site the server renders beside its API, not an endpoint the description lacks; one that
/// answers JSON too is.
#[test]
fn pages_the_server_renders_are_not_undocumented() {
    let dir = service_project(
        "use axum::{response::Html, routing::{get, post}, Json, Router};\n\
         async fn list() -> Json<Vec<u32>> { Json(vec![]) }\n\
         async fn new_form() -> Html<String> { Html(format!(\"<form method=post></form>\")) }\n\
         async fn edit_form() -> Html<&'static str> { Html(\"<form></form>\") }\n\
         async fn export() -> Json<u32> { Json(1) }\n\
         async fn purge() -> Html<&'static str> { Html(\"Ok\") }\n\
         fn app() -> Router {\n\
         \x20   Router::new()\n\
         \x20       .route(\"/clients\", get(list))\n\
         \x20       .route(\"/clients/new\", get(new_form))\n\
         \x20       .route(\"/clients/{id}/edit\", get(edit_form))\n\
         \x20       .route(\"/clients/export\", post(export))\n\
         \x20       .route(\"/clients/purge\", post(purge))\n\
         }\n",
        "openapi: 3.0.3\ninfo: { title: Clients, version: \"1\" }\npaths:\n\
         \x20 /clients:\n    get:\n      responses: { \"200\": { description: ok } }\n",
    );
    let v = selected(dir.path(), "undocumented-endpoint");
    let found = messages_of(&v, "undocumented-endpoint");
    assert_eq!(found.len(), 2, "{v:#}");
    assert!(found[0].contains("`POST /clients/export`"), "{v:#}");
    assert!(found[1].contains("`POST /clients/purge`"), "{v:#}");
    let r = json(&run_in(
        dir.path(),
        &["routes", "--no-config", "--format", "json"],
    ));
    assert_eq!(route_at(&r, "/clients/new")["page"], true, "{r:#}");
    assert!(route_at(&r, "/clients").get("page").is_none(), "{r:#}");
}

/// A description whose servers name a base path the code does not use (`/v0`, a proxy's)
/// while the code serves its operations under another (`/api`): the operations are held
/// against the routes under that base, found from the routes themselves, so they are
/// neither unimplemented nor the routes undocumented; a route the description lacks still
/// is. The pages served outside that base (`/login`, a `/users` page) are not the API's.
#[test]
fn operations_are_found_under_the_base_the_code_mounts_them_at() {
    let dir = service_project(
        "use axum::{routing::{get, post}, Router};\n\
         async fn h() -> &'static str { \"\" }\n\
         fn app() -> Router {\n\
         \x20   let api = Router::new()\n\
         \x20       .route(\"/items\", get(h).post(h))\n\
         \x20       .route(\"/items/{id}\", get(h))\n\
         \x20       .route(\"/users\", get(h))\n\
         \x20       .route(\"/tags\", get(h));\n\
         \x20   Router::new().nest(\"/api\", api).route(\"/users\", get(h)).route(\"/login\", get(h))\n\
         }\n",
        "openapi: 3.0.3\ninfo: { title: Items, version: \"1\" }\n\
         servers: [ { url: \"https://api.example.org/v0/\" } ]\npaths:\n\
         \x20 /items:\n    get: { responses: { \"200\": { description: ok } } }\n\
         \x20   post: { responses: { \"200\": { description: ok } } }\n\
         \x20 /items/{id}:\n    get:\n      parameters: [ { name: id, in: path, required: true, schema: { type: string } } ]\n\
         \x20     responses: { \"200\": { description: ok } }\n\
         \x20 /users:\n    get: { responses: { \"200\": { description: ok } } }\n",
    );
    let v = selected(dir.path(), "undocumented-endpoint,unimplemented-endpoint");
    assert!(
        messages_of(&v, "unimplemented-endpoint").is_empty(),
        "{v:#}"
    );
    let found = the_message(&v, "undocumented-endpoint");
    assert!(found.contains("`GET /api/tags`"), "{v:#}");
}

/// One description written out in JSON and in YAML beside the code is one description,
/// not an ambiguous pair; a description of three operations two of which the code serves
/// under `/v1` (an OpenAI-style API whose server would carry the version) is compared there.
#[test]
fn a_description_in_two_formats_is_compared_under_the_base_the_code_serves() {
    let dir = service_project(
        "use axum::{routing::{get, post}, Router};\n\
         async fn h() -> &'static str { \"\" }\n\
         fn app() -> Router {\n\
         \x20   let v1 = Router::new()\n\
         \x20       .route(\"/chat/completions\", post(h))\n\
         \x20       .route(\"/audio/transcriptions\", post(h))\n\
         \x20       .route(\"/models\", get(h))\n\
         \x20       .route(\"/misc/version\", get(h));\n\
         \x20   Router::new().nest(\"/v1\", v1)\n\
         }\n",
        "openapi: 3.0.3\ninfo: { title: Shim, version: \"1\" }\npaths:\n\
         \x20 /chat/completions:\n    post: { responses: { \"200\": { description: ok } } }\n\
         \x20 /audio/transcriptions:\n    post: { responses: { \"200\": { description: ok } } }\n\
         \x20 /version:\n    get: { responses: { \"200\": { description: ok } } }\n",
    );
    let ok = r#"{ "description": "ok" }"#;
    let json = format!(
        r#"{{ "openapi": "3.0.3", "info": {{ "title": "Shim", "version": "1" }}, "paths": {{
  "/chat/completions": {{ "post": {{ "responses": {{ "200": {ok} }} }} }},
  "/audio/transcriptions": {{ "post": {{ "responses": {{ "200": {ok} }} }} }},
  "/version": {{ "get": {{ "responses": {{ "200": {ok} }} }} }} }} }}"#
    );
    std::fs::write(dir.path().join("openapi.json"), json).unwrap();
    let v = selected(
        dir.path(),
        "ambiguous-pairing,undocumented-endpoint,unimplemented-endpoint",
    );
    assert!(messages_of(&v, "ambiguous-pairing").is_empty(), "{v:#}");
    let undoc = the_message(&v, "undocumented-endpoint");
    assert!(undoc.contains("`GET /v1/models`"), "{v:#}");
    let unimpl = the_message(&v, "unimplemented-endpoint");
    assert!(unimpl.contains("`GET /version`"), "{v:#}");
}

/// A service that is one fallback handler dispatching by hand implements what it documents
/// as far as apiward can tell; a Rocket route answering 401 ranked after a guarded one for
/// the same method and path is no open door beside a description that requires auth.
#[test]
fn fallback_dispatch_and_ranked_guarded_twins() {
    let dir = service_project(
        "use axum::{routing::any, Router};\n\
         async fn handle() -> &'static str { \"\" }\n\
         fn app() -> Router { Router::new().fallback(any(handle)) }\n",
        "openapi: 3.0.3\ninfo: { title: Tool, version: \"1\" }\npaths:\n\
         \x20 /:\n    get: { responses: { \"200\": { description: ok } } }\n",
    );
    let v = selected(dir.path(), "unimplemented-endpoint");
    assert!(
        messages_of(&v, "unimplemented-endpoint").is_empty(),
        "{v:#}"
    );
    let dir = service_project(
        "#[macro_use] extern crate rocket;\n\
         use rocket::http::Status;\n\
         use rocket::request::{FromRequest, Outcome, Request};\n\
         struct Org;\n\
         #[rocket::async_trait]\n\
         impl<'r> FromRequest<'r> for Org {\n\
         \x20   type Error = ();\n\
         \x20   async fn from_request(r: &'r Request<'_>) -> Outcome<Self, ()> {\n\
         \x20       match r.headers().get_one(\"Authorization\") { Some(_) => Outcome::Success(Org), None => Outcome::Forward(Status::Unauthorized) }\n\
         \x20   }\n\
         }\n\
         #[delete(\"/events/<id>\")]\n\
         fn delete_event(_org: Org, id: &str) -> String { id.to_string() }\n\
         #[delete(\"/events/<_id>\", rank = 2)]\n\
         fn delete_event_anonymous(_id: &str) -> Status { Status::Unauthorized }\n\
         #[launch]\n\
         fn rocket() -> _ { rocket::build().mount(\"/\", routes![delete_event, delete_event_anonymous]) }\n",
        "openapi: 3.0.3\ninfo: { title: Events, version: \"1\" }\n\
         components: { securitySchemes: { key: { type: http, scheme: bearer } } }\n\
         security: [ { key: [] } ]\npaths:\n\
         \x20 /events/{id}:\n    delete:\n\
         \x20     parameters: [ { name: id, in: path, required: true, schema: { type: string } } ]\n\
         \x20     responses: { \"204\": { description: gone }, \"401\": { description: no } }\n",
    );
    let v = selected(dir.path(), "auth-mismatch");
    assert!(messages_of(&v, "auth-mismatch").is_empty(), "{v:#}");
}

/// A description whose servers all name a base path the code mounts its API at (`/v2`)
/// covers the routes under it: another version's routes (`/v3/..`) and an internal API
/// (`/_internal/..`) beside it are not its undocumented endpoints. A path's own `servers`
/// (the root, for one operation) speak for that operation only.
#[test]
fn undocumented_endpoints_are_routes_under_the_servers_base_path() {
    let dir = service_project(
        "use axum::{routing::{get, post}, Router};\n\
         async fn h() -> &'static str { \"\" }\n\
         fn app() -> Router {\n\
         \x20   Router::new()\n\
         \x20       .route(\"/v2/items\", get(h).post(h))\n\
         \x20       .route(\"/v2/exports\", post(h))\n\
         \x20       .route(\"/v3/items\", get(h).post(h))\n\
         \x20       .route(\"/_internal/reindex\", post(h))\n\
         \x20       .route(\"/updates/{id}/feed.json\", get(h))\n\
         }\n",
        "openapi: 3.0.3\ninfo: { title: Items, version: \"2\" }\n\
         servers:\n  - url: https://api.example.com/v2\n  - url: https://staging.example.com/v2\n\
         paths:\n\
         \x20 /items:\n    get:\n      responses: { \"200\": { description: ok } }\n\
         \x20   post:\n      responses: { \"200\": { description: ok } }\n\
         \x20 /updates/{id}/feed.json:\n    servers:\n      - url: https://api.example.com\n\
         \x20   get:\n      parameters:\n\
         \x20       - { name: id, in: path, required: true, schema: { type: string, format: uuid } }\n\
         \x20     responses: { \"200\": { description: ok } }\n",
    );
    let v = check_json(dir.path(), &["--select", "undocumented-endpoint"]);
    let found: Vec<&str> = diags(&v)
        .iter()
        .map(|x| x["message"].as_str().unwrap())
        .collect();
    assert_eq!(found.len(), 1, "{v:#}");
    assert!(found[0].contains("`POST /v2/exports`"), "{v:#}");
}

/// The code behind an operation answers the description's auth findings: a route that
/// serves callers without credentials never answers 401, so `missing-401-response` is not
/// reported there (the unenforced requirement is `auth-mismatch`'s); a route reading who
/// calls when credentials come and serving everyone else is public by design
/// (`missing-auth` not reported), and so is a read no route guards; a write no route guards
/// stays an error.
#[test]
fn description_auth_findings_are_judged_by_the_routes_behind_them() {
    let dir = service_project(
        "use axum::{routing::{get, post}, Router};\n\
         use axum_extra::TypedHeader;\n\
         use axum_extra::headers::{Authorization, authorization::Bearer};\n\
         async fn h() -> &'static str { \"\" }\n\
         async fn feed(who: Option<TypedHeader<Authorization<Bearer>>>) -> String { format!(\"{}\", who.is_some()) }\n\
         fn app() -> Router {\n\
         \x20   Router::new()\n\
         \x20       .route(\"/items\", get(h).post(h))\n\
         \x20       .route(\"/feed\", get(feed))\n\
         \x20       .route(\"/me\", get(h))\n\
         \x20       .route(\"/lookup\", post(feed))\n\
         \x20       .route(\"/team\", get(feed))\n\
         \x20       .route(\"/quotas\", get(h))\n\
         }\n",
        "openapi: 3.0.3\ninfo: { title: Items, version: \"1\" }\n\
         components:\n  securitySchemes:\n    bearer: { type: http, scheme: bearer }\n\
         paths:\n\
         \x20 /quotas:\n    get:\n      responses: { \"200\": { description: ok }, \"401\": { description: no } }\n\
         \x20 /items:\n    get:\n      responses: { \"200\": { description: ok } }\n\
         \x20   post:\n      responses: { \"200\": { description: ok } }\n\
         \x20 /feed:\n    get:\n      responses: { \"200\": { description: ok } }\n\
         \x20 /me:\n    get:\n      security: [ { bearer: [] } ]\n\
         \x20     responses: { \"200\": { description: ok } }\n\
         \x20 /lookup:\n    post:\n      responses: { \"200\": { description: ok } }\n\
         \x20 /team:\n    get:\n      security: [ { bearer: [] } ]\n\
         \x20     responses: { \"200\": { description: ok } }\n",
    );
    let v = check_json(
        dir.path(),
        &[
            "--select",
            "missing-auth,missing-401-response,auth-mismatch",
        ],
    );
    let found: Vec<(&str, &str, &str)> = diags(&v)
        .iter()
        .map(|x| {
            (
                x["rule"].as_str().unwrap(),
                x["severity"].as_str().unwrap(),
                x["message"].as_str().unwrap(),
            )
        })
        .collect();
    let has = |rule: &str, sev: &str, what: &str| {
        found
            .iter()
            .any(|(r, s, m)| *r == rule && *s == sev && m.contains(what))
    };
    assert!(has("missing-auth", "error", "`POST /items`"), "{v:#}");
    assert!(has("auth-mismatch", "error", "`GET /me`"), "{v:#}");
    // Optional auth on a route the description requires auth on: a stricter description.
    assert!(has("auth-mismatch", "info", "`GET /team`"), "{v:#}");
    // Optional auth serves callers without credentials on purpose, by `POST` too. A read
    // whose route reads no credentials is public whatever `401` the description lists.
    assert!(
        !found
            .iter()
            .any(|(_, _, m)| m.contains("/feed") || m.contains("/lookup") || m.contains("/quotas")),
        "{v:#}"
    );
    assert!(
        !found.iter().any(|(r, _, _)| *r == "missing-401-response"),
        "{v:#}"
    );
    assert_eq!(found.len(), 3, "{v:#}");
    // Selected alone, the rule is judged by the routes as in a full run.
    let alone = check_json(dir.path(), &["--select", "missing-auth"]);
    assert_eq!(messages_of(&alone, "missing-auth").len(), 1, "{alone:#}");
}

/// A description that declares security on (almost) none of the operations whose routes
/// require authentication is one fact about it: one `auth-mismatch` at its `paths`, each
/// operation a related place; a description that declares it on most keeps one finding per
/// operation left out.
#[test]
fn auth_drift_of_a_description_silent_on_security_is_one_finding() {
    let main_rs = "use axum::{routing::get, Router, middleware::from_fn};\n\
         async fn h() -> &'static str { \"\" }\n\
         async fn require_auth(req: axum::extract::Request, next: axum::middleware::Next) -> axum::response::Response { next.run(req).await }\n\
         fn app() -> Router {\n\
         \x20   Router::new()\n\
         \x20       .route(\"/a\", get(h))\n\
         \x20       .route(\"/b\", get(h))\n\
         \x20       .route(\"/c\", get(h))\n\
         \x20       .route(\"/d\", get(h))\n\
         \x20       .layer(from_fn(require_auth))\n\
         }\n";
    let op = |path: &str, secured: bool| {
        let sec = if secured {
            "      security: [ { bearer: [] } ]\n"
        } else {
            ""
        };
        format!("  {path}:\n    get:\n{sec}      responses: {{ \"200\": {{ description: ok }} }}\n")
    };
    let spec = |secured: [bool; 4]| {
        let mut s = String::from(
            "openapi: 3.0.3\ninfo: { title: T, version: \"1\" }\n\
             components:\n  securitySchemes:\n    bearer: { type: http, scheme: bearer }\n\
             paths:\n",
        );
        for (p, sec) in ["/a", "/b", "/c", "/d"].iter().zip(secured) {
            s.push_str(&op(p, sec));
        }
        s
    };
    let found = |secured: [bool; 4]| {
        let dir = service_project(main_rs, &spec(secured));
        let v = check_json(dir.path(), &["--select", "auth-mismatch"]);
        diags(&v)
            .iter()
            .map(|d| {
                (
                    d["pointer"].as_str().unwrap_or("").to_owned(),
                    d["related"].as_array().map_or(0, Vec::len),
                    d["message"].as_str().unwrap().to_owned(),
                )
            })
            .collect::<Vec<_>>()
    };
    let silent = found([false; 4]);
    assert_eq!(silent.len(), 1, "{silent:#?}");
    assert_eq!(silent[0].0, "/paths");
    assert_eq!(silent[0].1, 4);
    assert!(
        silent[0]
            .2
            .contains("declares no required security on 4 operations"),
        "{silent:#?}"
    );
    let one_left_out = found([true, true, true, false]);
    assert_eq!(one_left_out.len(), 1, "{one_left_out:#?}");
    assert_eq!(one_left_out[0].0, "/paths/~1d/get");
}

/// A description that requires credentials everywhere, served by code none of whose routes
/// reads any, is one fact (a hosted deployment's description, a gateway in front, or no auth
/// at all): one `auth-mismatch` at its `security`, at most a warning, each route a related
/// place. Where the service authenticates some route, each unguarded one is reported.
#[test]
fn auth_drift_of_a_service_reading_no_credentials_is_one_finding() {
    let spec = "openapi: 3.0.3\ninfo: { title: T, version: \"1\" }\n\
         servers: [ { url: \"https://api.example-hosted.io/v1\" }, { url: \"http://localhost:3000\" } ]\n\
         components:\n  securitySchemes:\n    key: { type: apiKey, in: header, name: project_id }\n\
         security: [ { key: [] } ]\n\
         paths:\n\
         \x20 /a: { get: { responses: { \"200\": { description: ok } } } }\n\
         \x20 /b: { get: { responses: { \"200\": { description: ok } } } }\n\
         \x20 /c: { get: { responses: { \"200\": { description: ok } } } }\n";
    let routes = "Router::new()\n\
         \x20       .route(\"/a\", get(h))\n\
         \x20       .route(\"/b\", get(h))\n\
         \x20       .route(\"/c\", get(h))\n";
    let main_rs = |more: &str| {
        format!(
            "use axum::{{routing::get, Router, middleware::from_fn}};\n\
             async fn h() -> &'static str {{ \"\" }}\n\
             async fn require_auth(req: axum::extract::Request, next: axum::middleware::Next) -> axum::response::Response {{ next.run(req).await }}\n\
             fn app() -> Router {{\n    {routes}{more}\n}}\n"
        )
    };
    let found = |more: &str| {
        let dir = service_project(&main_rs(more), spec);
        let v = check_json(dir.path(), &["--select", "auth-mismatch"]);
        diags(&v)
            .iter()
            .map(|d| {
                (
                    d["pointer"].as_str().unwrap_or("").to_owned(),
                    d["severity"].as_str().unwrap().to_owned(),
                    d["related"].as_array().map_or(0, Vec::len),
                    d["message"].as_str().unwrap().to_owned(),
                )
            })
            .collect::<Vec<_>>()
    };
    let open = found("");
    assert_eq!(open.len(), 1, "{open:#?}");
    assert_eq!(open[0].0, "/security");
    assert_eq!(open[0].1, "warning");
    assert_eq!(open[0].2, 3);
    assert!(
        open[0]
            .3
            .contains("no route of the service reads credentials")
            && open[0].3.contains("`api.example-hosted.io`")
            && !open[0].3.contains("localhost"),
        "{open:#?}"
    );
    // An admin route behind an auth middleware: the service authenticates, the three
    // documented routes it serves without credentials are each an error.
    let some = found(
        "        .merge(Router::new().route(\"/admin\", get(h)).layer(from_fn(require_auth)))",
    );
    assert_eq!(some.len(), 3, "{some:#?}");
    assert!(
        some.iter().all(|d| d.1 == "error" && d.0.is_empty()),
        "{some:#?}"
    );
}

/// Many operations of a description served by no route, a third of it or more, say that it
/// documents more than the service (another deployment, a planned API): one
/// `unimplemented-endpoint` at its `paths`, each operation a related place. A few left out
/// of a description the service serves are each reported.
#[test]
fn unimplemented_operations_of_a_larger_description_are_one_finding() {
    let spec = |ops: usize| {
        let mut s = String::from("openapi: 3.0.3\ninfo: { title: T, version: \"1\" }\npaths:\n");
        for i in 0..ops {
            s.push_str(&format!(
                "  /op{i}: {{ get: {{ responses: {{ \"200\": {{ description: ok }} }} }} }}\n"
            ));
        }
        s
    };
    let main_rs = |served: usize| {
        let mut s = String::from(
            "use axum::{routing::get, Router};\n\
             async fn h() -> &'static str { \"\" }\n\
             fn app() -> Router {\n    Router::new()\n",
        );
        for i in 0..served {
            s.push_str(&format!("        .route(\"/op{i}\", get(h))\n"));
        }
        s.push_str("}\n");
        s
    };
    let found = |ops: usize, served: usize| {
        let dir = service_project(&main_rs(served), &spec(ops));
        let v = check_json(dir.path(), &["--select", "unimplemented-endpoint"]);
        diags(&v)
            .iter()
            .map(|d| {
                (
                    d["pointer"].as_str().unwrap_or("").to_owned(),
                    d["related"].as_array().map_or(0, Vec::len),
                    d["message"].as_str().unwrap().to_owned(),
                )
            })
            .collect::<Vec<_>>()
    };
    let larger = found(12, 6);
    assert_eq!(larger.len(), 1, "{larger:#?}");
    assert_eq!(larger[0].0, "/paths");
    assert_eq!(larger[0].1, 6);
    assert!(
        larger[0]
            .2
            .contains("documents 6 of its 12 operations that no route")
            && larger[0]
                .2
                .contains("`GET /op6`, `GET /op7`, `GET /op8` and 3 more"),
        "{larger:#?}"
    );
    // Four of twelve: below the count; six of twenty: below a third.
    assert_eq!(found(12, 8).len(), 4);
    assert_eq!(found(20, 14).len(), 6);
}

/// One router mounted bare and under a prefix of path parameters (the tenant in the path
/// or in headers) serves one endpoint twice: documented unprefixed, it is documented;
/// undocumented, it is reported once, unprefixed.
#[test]
fn routes_mounted_again_under_a_parameter_prefix_are_one_endpoint() {
    let dir = service_project(
        "use axum::{routing::get, Router};\n\
         async fn h() -> &'static str { \"\" }\n\
         fn api() -> Router { Router::new().route(\"/audit\", get(h)).route(\"/config\", get(h)) }\n\
         fn app() -> Router { Router::new().merge(api()).nest(\"/{org_id}/{workspace}\", api()) }\n",
        "openapi: 3.0.3\ninfo: { title: T, version: \"1\" }\nsecurity: []\n\
         paths:\n  /audit:\n    get:\n      responses: { \"200\": { description: ok } }\n",
    );
    let v = check_json(dir.path(), &[]);
    let undocumented = the_message(&v, "undocumented-endpoint");
    assert!(undocumented.starts_with("`GET /config`"), "{v:#}");
}

/// A route's path whose only part known at run time is its start (a configured root path,
/// `format!("{}/items", root)`) is listed under that base and compared without it: nothing
/// is missing, and `check` does not call the inventory incomplete.
#[test]
fn a_route_path_under_a_configured_root_is_listed() {
    let dir = service_project(
        "use axum::{routing::get, Router};\n\
         async fn h() -> &'static str { \"\" }\n\
         struct Cfg { root_path: String }\n\
         fn app(cfg: &Cfg) -> Router {\n\
         \x20   Router::new()\n\
         \x20       .route(&format!(\"{}/items\", cfg.root_path), get(h))\n\
         \x20       .route(&format!(\"{}/items/{}\", cfg.root_path, cfg.root_path), get(h))\n\
         }\n",
        "openapi: 3.0.3\ninfo: { title: T, version: \"1\" }\nsecurity: []\n\
         paths:\n  /items:\n    get:\n      responses: { \"200\": { description: ok } }\n",
    );
    let v = json(&run_in(
        dir.path(),
        &["routes", "--no-config", "--format", "json", "."],
    ));
    let listed: Vec<bool> = v["unresolved"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["routes_listed"].as_bool().unwrap())
        .collect();
    // The second has a part known only at run time after its start: something is missing.
    assert_eq!(listed, [true, false], "{v:#}");
    let v = check_json(dir.path(), &[]);
    let incomplete: Vec<&Value> = diags(&v)
        .iter()
        .filter(|d| d["rule"] == "incomplete-route-inventory")
        .collect();
    assert_eq!(incomplete.len(), 1, "{v:#}");
    assert!(incomplete[0]["message"]
        .as_str()
        .unwrap()
        .starts_with("1 route registrations"));
    assert!(!diags(&v)
        .iter()
        .any(|d| d["rule"] == "unimplemented-endpoint"));
}

/// An upload the description leaves unbounded is capped by axum's default body limit when
/// every route is axum's and the code never lifts it: info, saying so; with the limit
/// disabled, the warning stays.
#[test]
fn unbounded_upload_under_axum_default_body_limit_is_info() {
    let spec = "openapi: 3.0.3\ninfo: { title: Files, version: \"1\" }\npaths:\n\
         \x20 /avatar:\n    put:\n      requestBody:\n        content:\n\
         \x20         image/png:\n            schema: { type: string, format: binary }\n\
         \x20     responses: { \"204\": { description: ok } }\n";
    for (extra, want) in [
        ("", "info"),
        (
            ".layer(axum::extract::DefaultBodyLimit::disable())",
            "warning",
        ),
    ] {
        let dir = service_project(
            &format!(
                "use axum::{{routing::put, Router}};\n\
                 async fn h(_b: axum::body::Bytes) -> &'static str {{ \"\" }}\n\
                 fn app() -> Router {{ Router::new().route(\"/avatar\", put(h)){extra} }}\n"
            ),
            spec,
        );
        // Selected alone, the rule is held against the code all the same.
        let v = check_json(dir.path(), &["--select", "unbounded-upload"]);
        let found: Vec<&Value> = diags(&v)
            .iter()
            .filter(|d| d["rule"] == "unbounded-upload")
            .collect();
        assert_eq!(found.len(), 1, "{v:#}");
        assert_eq!(found[0]["severity"], want, "{v:#}");
        assert_eq!(
            found[0]["message"].as_str().unwrap().contains("2 MB"),
            want == "info",
            "{v:#}"
        );
    }
}

/// A temporary tree holding `files` (`(relative path, text)`).
fn tree(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (p, text) in files {
        let p = dir.path().join(p);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    dir
}

/// `apiward check --no-config --format json ARGS` in `dir`.
fn check_json(dir: &Path, args: &[&str]) -> Value {
    let base = ["check", "--no-config", "--format", "json"];
    json(&run_in(dir, &[&base[..], args].concat()))
}

/// The `(rule, field)` pairs of a report's findings.
fn rule_and<'v>(v: &'v Value, field: &str) -> Vec<(&'v str, &'v str)> {
    diags(v)
        .iter()
        .map(|x| (x["rule"].as_str().unwrap(), x[field].as_str().unwrap()))
        .collect()
}

/// What the rules about the service find in a crate that serves nothing and that no serving
/// crate depends on (a load tester beside the server) is not reported; in the server and in
/// the library it depends on, it is. A secret is reported wherever it is written.
#[test]
fn findings_outside_the_served_crates_are_not_reported() {
    let insecure = "pub fn client() -> reqwest::Client {\n    reqwest::Client::builder().danger_accept_invalid_certs(true).build().unwrap()\n}\n";
    let loadtest = format!("{insecure}const API_TOKEN: &str = \"tok_9fA3kQ7zLm2XwP8vR4sT6yB1\";\n");
    let dir = tree(&[
        (
            "Cargo.toml",
            "[workspace]\nmembers = [\"server\", \"client-core\", \"loadtest\"]\n",
        ),
        (
            "server/Cargo.toml",
            "[package]\nname = \"server\"\nversion = \"0.1.0\"\n\n[dependencies]\nclient-core = { path = \"../client-core\" }\n\n[dev-dependencies]\nloadtest = { path = \"../loadtest\" }\n",
        ),
        (
            "server/src/main.rs",
            "use axum::{routing::get, Router};\nasync fn h() -> &'static str { \"\" }\nfn app() -> Router { Router::new().route(\"/items\", get(h)) }\n",
        ),
        (
            "client-core/Cargo.toml",
            "[package]\nname = \"client-core\"\nversion = \"0.1.0\"\n",
        ),
        ("client-core/src/lib.rs", insecure),
        (
            "loadtest/Cargo.toml",
            "[package]\nname = \"loadtest\"\nversion = \"0.1.0\"\n",
        ),
        ("loadtest/src/main.rs", &loadtest),
    ]);
    let v = check_json(
        dir.path(),
        &[
            "--select",
            "tls-verification-disabled,hardcoded-secret",
            ".",
        ],
    );
    assert_eq!(
        rule_and(&v, "file"),
        [
            ("tls-verification-disabled", "client-core/src/lib.rs"),
            ("hardcoded-secret", "loadtest/src/main.rs"),
        ],
        "{v:#}"
    );
}

/// Input problems are rules like the others: listed, ignored, given another severity.
#[test]
fn input_problems_are_listed_and_selectable() {
    let listed = stdout(&run(&["rules"]));
    for id in [
        "parse-error",
        "unresolved-ref",
        "ref-outside-root",
        "io-error",
    ] {
        assert!(listed.contains(id), "{listed}");
    }
    let dir = tree(&[(
        "openapi.yaml",
        "openapi: 3.0.3\ninfo: { title: T, version: \"1\" }\nservers: [{ url: \"https://a.example.com\" }]\n\
         security: [{ k: [] }]\ncomponents:\n  securitySchemes:\n    k: { type: apiKey, in: header, name: k }\n\
         paths:\n  /a:\n    get:\n      responses:\n        \"401\": { description: no }\n        \"200\":\n          description: ok\n\
         \x20         content:\n            application/json:\n              schema: { $ref: \"#/components/schemas/Gone\" }\n",
    )]);
    let d = dir.path();
    let base = ["check", "--no-config", "--format", "json", "openapi.yaml"];
    let o = run_in(d, &base);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(rules_of(&json(&o)), ["unresolved-ref"]);
    let o = run_in(d, &[&base[..], &["--ignore", "unresolved-ref"]].concat());
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    std::fs::write(
        d.join("apiward.toml"),
        "[severity]\nunresolved-ref = \"warning\"\n",
    )
    .unwrap();
    let v = json(&run_in(d, &["check", "--format", "json", "openapi.yaml"]));
    assert_eq!(diags(&v)[0]["severity"], "warning", "{v:#}");
}

/// A Rust file that does not parse: a warning in a crate's sources, info in a test, not
/// reported in a folder cargo compiles nothing from, nor in another project's code copied
/// in (`vendor/` at the top); a module of the crate named `third_party` is the crate's code.
/// A crate whose manifest names no edition is Rust 2015, whose valid code (a bare trait
/// object, `&mut FnMut(&str)`) the parser refuses: not reported (old sources kept as a
/// compile benchmark), or at info, saying why, when the crate depends on a web framework.
#[test]
fn unparsable_rust_files_by_where_they_sit() {
    let dir = tree(&[
        (
            "Cargo.toml",
            "[package]\nname = \"svc\"\nversion = \"0.1.0\"\nedition = \"2021\"\n",
        ),
        (
            "bench/old/Cargo.toml",
            "[package]\nname = \"old\"\nversion = \"0.1.0\"\n",
        ),
        (
            "bench/old/src/lib.rs",
            "use axum::Router;\npub fn each(f: &mut FnMut(&str)) { f(\"x\") }\n",
        ),
        (
            "legacy/Cargo.toml",
            "[package]\nname = \"legacy\"\nversion = \"0.1.0\"\n\n[dependencies]\nrocket = \"0.4\"\n",
        ),
        (
            "legacy/src/main.rs",
            "#[get(\"/\")]\nfn index() -> &'static str { \"hi\" }\npub fn each(f: &mut FnMut(&str)) { f(\"x\") }\n",
        ),
        (
            "src/main.rs",
            "fn main() {}\nmod broken;\nmod third_party;\n",
        ),
        ("src/third_party/mod.rs", "use axum::Router;\nfn v( {\n"),
        ("src/broken.rs", "use axum::Router;\nfn x( {\n"),
        ("examples/demo.rs", "use axum::Router;\nfn y( {\n"),
        (
            "vendor/sspi/Cargo.toml",
            "[package]\nname = \"sspi\"\nversion = \"0.1.0\"\n",
        ),
        ("vendor/sspi/src/lib.rs", "use axum::Router;\nfn w( {\n"),
        ("assets/syntaxes/test.rs", "use axum::Router;\nfn z( {\n"),
    ]);
    let parse_errors = |v: &Value| -> Vec<(String, String)> {
        diags(v)
            .iter()
            .filter(|x| x["rule"] == "parse-error")
            .map(|x| {
                let field = |k: &str| x[k].as_str().unwrap().to_owned();
                (field("file"), field("severity"))
            })
            .collect()
    };
    let v = check_json(dir.path(), &["."]);
    assert_eq!(
        parse_errors(&v),
        [
            ("legacy/src/main.rs".into(), "info".into()),
            ("src/broken.rs".into(), "warning".into()),
            ("src/third_party/mod.rs".into(), "warning".into())
        ],
        "{v:#}"
    );

    // As the README's exit codes say: a warning like any other (exit 1 under the default
    // `--fail-on`, 0 under `--fail-on error`), not an input error (exit 2).
    let code = |extra: &[&str]| {
        let args = [
            &["check", "--no-config", "--format", "json", "."][..],
            extra,
        ]
        .concat();
        run_in(dir.path(), &args).status.code()
    };
    assert_eq!(code(&[]), Some(1));
    assert_eq!(code(&["--fail-on", "error"]), Some(0));
    // An example is skipped by a directory walk; named, it is noted at info.
    let v = check_json(dir.path(), &["examples/demo.rs"]);
    assert_eq!(
        parse_errors(&v),
        [("examples/demo.rs".into(), "info".into())],
        "{v:#}"
    );
}

/// A crate's `Cargo.toml` and `Rocket.toml` are looked for up to the project root: an
/// ancestor's (outside `--root`) is never read and changes nothing.
#[test]
fn files_above_the_root_are_not_read() {
    let dir = tree(&[
        (
            "Cargo.toml",
            "[package]\nname = \"outer\"\nversion = \"0.1.0\"\n",
        ),
        ("Rocket.toml", "[default]\naddress = \"0.0.0.0\"\n"),
        (
            "svc/src/main.rs",
            "#[macro_use] extern crate rocket;\n#[get(\"/\")]\nfn index() -> &'static str { \"\" }\n\
             #[launch]\nfn rocket() -> _ { rocket::build().mount(\"/\", routes![index]) }\n",
        ),
    ]);
    let select = ["--select", "plain-http-listener"];
    let v = check_json(dir.path(), &[&select[..], &["svc"]].concat());
    assert_eq!(rules_of(&v), ["plain-http-listener"], "{v:#}");
    let v = check_json(
        dir.path(),
        &[&select[..], &["--root", "svc", "svc"]].concat(),
    );
    assert!(rules_of(&v).is_empty(), "{v:#}");
}

/// With an explicit root, a path named on the command line that leaves it (`../x`, or a
/// symlink to a file outside) is not read: an `io-error` says so, and nothing in it counts.
#[test]
fn named_paths_outside_an_explicit_root_are_not_read() {
    let dir = tree(&[
        (
            "outside.yaml",
            "openapi: 3.0.3\ninfo: { title: T, version: \"1\" }\npaths:\n  /a:\n    delete:\n      responses: { \"204\": { description: ok } }\n",
        ),
        ("proj/.keep", ""),
    ]);
    let d = dir.path();
    let mut named = vec!["../outside.yaml"];
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(d.join("outside.yaml"), d.join("proj/link.yaml")).unwrap();
        named.push("link.yaml");
    }
    for path in named {
        let v = check_json(&d.join("proj"), &["--root", ".", path]);
        assert_eq!(rules_of(&v), ["io-error"], "{path}: {v:#}");
        assert!(diags(&v)[0]["message"]
            .as_str()
            .unwrap()
            .contains("outside the project root"));
    }
}

/// `check -` reads a document from standard input; `--stdin-filename` places it (its
/// `$ref`s resolve from there, findings are reported there): the report is the one of the
/// file itself. `/dev/stdin` and a process substitution are read too, never skipped.
#[test]
fn stdin_and_named_streams_are_read() {
    let dir = "testdata/examples/petclinic";
    let spec = std::fs::read(project_root().join(dir).join("openapi.yaml")).unwrap();
    let from_stdin = |args: &[&str]| {
        run_stdin(
            &project_root().join(dir),
            &[
                &[
                    "check",
                    "--no-config",
                    "--preset",
                    "all",
                    "--format",
                    "json",
                ][..],
                args,
            ]
            .concat(),
            spec.clone(),
        )
    };
    let file = run_in(
        &project_root().join(dir),
        &[
            "check",
            "--no-config",
            "--preset",
            "all",
            "--format",
            "json",
            "openapi.yaml",
        ],
    );
    let piped = from_stdin(&["-", "--stdin-filename", "openapi.yaml"]);
    assert_eq!(file.status.code(), Some(1));
    assert_eq!(piped.status.code(), Some(1));
    assert_eq!(stdout(&file), stdout(&piped));
    // The fragment `$ref`d from the piped document is found beside its place.
    let v = json(&piped);
    assert!(
        diags(&v).iter().any(|d| d["file"] == "schemas/pet.yaml"),
        "{v:#}"
    );
    // Without a place: `<stdin>`, `$ref`s from the working directory.
    let bare = json(&from_stdin(&["-"]));
    assert_eq!(diags(&bare).len(), diags(&v).len(), "{bare:#}");
    assert!(
        diags(&bare).iter().any(|d| d["file"] == "<stdin>"),
        "{bare:#}"
    );
    let dev = json(&from_stdin(&["/dev/stdin"]));
    assert_eq!(diags(&dev).len(), diags(&v).len(), "{dev:#}");
    // A process substitution, as bash makes one.
    let o = std::process::Command::new("bash")
        .current_dir(project_root().join(dir))
        .arg("-c")
        .arg(format!(
            "{} check --no-config --preset all -f json <(cat openapi.yaml)",
            env!("CARGO_BIN_EXE_apiward")
        ))
        .output()
        .unwrap();
    let sub = json(&o);
    assert_eq!(diags(&sub).len(), diags(&v).len(), "{sub:#}");
    // More than `max-file-size` from a stream: refused, located, exit 2.
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("apiward.toml"), "max-file-size = 100\n").unwrap();
    let o = run_stdin(
        tmp.path(),
        &["check", "-f", "json", "-", "--stdin-filename", "api.yaml"],
        spec.clone(),
    );
    assert_eq!(o.status.code(), Some(2));
    let v = json(&o);
    assert_eq!(
        rule_and(&v, "file"),
        [("file-too-large", "api.yaml")],
        "{v:#}"
    );
    // `--stdin-filename` alone is a usage error.
    let o = run_in(tmp.path(), &["check", "--stdin-filename", "x.yaml", "."]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stdout(&o).contains("pass `-` as a path too"),
        "{}",
        stdout(&o)
    );
}

/// A small service: a crate whose auth extractor (`Caller`) lives in `src/auth.rs`, its
/// handlers in `src/users.rs`, its router in `src/main.rs`, and its description in
/// `api/openapi.yaml` with the request body in a `$ref`'d fragment. Clean as it is.
const SHOP: &[(&str, &str)] = &[
    (
        "Cargo.toml",
        "[package]\nname = \"shop\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[dependencies]\naxum = \"0.8\"\n",
    ),
    (
        "src/main.rs",
        "mod auth;\nmod users;\n\nuse axum::Router;\n\nfn app() -> Router {\n    Router::new().merge(users::router())\n}\n\n#[tokio::main]\nasync fn main() {\n    let listener = tokio::net::TcpListener::bind(\"127.0.0.1:8080\").await.unwrap();\n    axum::serve(listener, app()).await.unwrap();\n}\n",
    ),
    (
        "src/auth.rs",
        "use axum::extract::FromRequestParts;\nuse axum::http::{request::Parts, StatusCode};\n\n/// The signed-in caller, from the bearer token.\npub struct Caller(pub String);\n\nimpl<S: Send + Sync> FromRequestParts<S> for Caller {\n    type Rejection = StatusCode;\n\n    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {\n        let token = parts\n            .headers\n            .get(axum::http::header::AUTHORIZATION)\n            .ok_or(StatusCode::UNAUTHORIZED)?;\n        Ok(Caller(token.to_str().unwrap_or_default().to_owned()))\n    }\n}\n",
    ),
    (
        "src/users.rs",
        "use axum::extract::Path;\nuse axum::routing::{delete, get};\nuse axum::{Json, Router};\n\nuse crate::auth::Caller;\n\npub fn router() -> Router {\n    Router::new()\n        .route(\"/users\", get(list).post(create))\n        .route(\"/users/{id}\", delete(remove))\n}\n\npub async fn list(_caller: Caller) -> Json<Vec<String>> {\n    Json(Vec::new())\n}\n\npub async fn create(_caller: Caller, Json(name): Json<String>) -> Json<String> {\n    Json(name)\n}\n\npub async fn remove(_caller: Caller, Path(id): Path<u64>) -> String {\n    id.to_string()\n}\n",
    ),
    (
        "api/openapi.yaml",
        "openapi: 3.0.3\ninfo:\n  title: Shop\n  version: \"1.0\"\nservers:\n  - url: https://shop.example/\nsecurity:\n  - bearer: []\npaths:\n  /users:\n    get:\n      responses:\n        \"200\":\n          description: the users\n          content:\n            application/json:\n              schema:\n                type: array\n                maxItems: 100\n                items:\n                  $ref: \"schemas/user.yaml\"\n        \"401\":\n          description: no credentials\n    post:\n      requestBody:\n        content:\n          application/json:\n            schema:\n              $ref: \"schemas/user.yaml\"\n      responses:\n        \"201\":\n          description: created\n        \"401\":\n          description: no credentials\n  /users/{id}:\n    delete:\n      parameters:\n        - name: id\n          in: path\n          required: true\n          schema: {type: integer, format: int64, maximum: 1000000}\n      responses:\n        \"204\":\n          description: deleted\n        \"401\":\n          description: no credentials\ncomponents:\n  securitySchemes:\n    bearer:\n      type: http\n      scheme: bearer\n",
    ),
    (
        "api/schemas/user.yaml",
        "type: object\nadditionalProperties: false\nproperties:\n  name:\n    type: string\n    maxLength: 64\n  email:\n    type: string\n    maxLength: 254\n",
    ),
    (".github/workflows/ci.yaml", "on: push\njobs: {}\n"),
];

/// Edits of [`SHOP`]: a server-owned `is_admin` added to the fragment (a request and a
/// response schema: `privileged-field-in-request`); an unauthenticated `DELETE`
/// route added (its handler in `users.rs`, its registration in `main.rs`).
fn shop_edit(dir: &Path, edit: &str) {
    let change = |file: &str, from: &str, to: &str| {
        let p = dir.join(file);
        let text = std::fs::read_to_string(&p).unwrap();
        assert!(text.contains(from), "{file}: {from}");
        std::fs::write(p, text.replacen(from, to, 1)).unwrap();
    };
    match edit {
        "fragment" => change(
            "api/schemas/user.yaml",
            "  email:\n",
            "  is_admin:\n    type: boolean\n  email:\n",
        ),
        "route" => {
            change(
                "src/users.rs",
                "delete(remove))\n",
                "delete(remove))\n        .route(\"/archive\", delete(purge))\n",
            );
            change(
                "src/users.rs",
                "use crate::auth::Caller;\n",
                "use crate::auth::Caller;\n\npub async fn purge() -> &'static str {\n    \"purged\"\n}\n",
            );
        }
        "comment" => change(
            "src/users.rs",
            "use crate::auth::Caller;\n",
            "use crate::auth::Caller;\n// Users.\n",
        ),
        other => panic!("no edit {other}"),
    }
}

/// Files named inside a project are checked in its context (the description that refers to
/// a fragment, the crate of a Rust file) and only the findings located in them are
/// reported: every per-file run reports a part of what the whole-project run reports.
#[test]
fn changed_files_are_checked_in_their_project() {
    let dir = tree(SHOP);
    let d = dir.path();
    std::fs::create_dir(d.join(".git")).unwrap();
    let files = [
        "api/openapi.yaml",
        "api/schemas/user.yaml",
        "src/main.rs",
        "src/users.rs",
        "src/auth.rs",
        "Cargo.toml",
    ];
    let subset = |whole: &Value, part: &Value, named: &[&str]| {
        for x in diags(part) {
            assert!(diags(whole).contains(x), "not in the whole run: {x:#}");
            // A description's findings include the fragments it refers to; a crate's
            // manifest stands for the crate.
            let file = x["file"].as_str().unwrap();
            let reached = |n: &&str| match *n {
                "api/openapi.yaml" => file.starts_with("api/"),
                "Cargo.toml" => true,
                n => n == file,
            };
            assert!(named.iter().any(reached), "{file} not named in {named:?}");
        }
    };
    // Clean: the handlers in `users.rs` take the extractor defined in `auth.rs`.
    for f in files {
        let o = run_in(d, &["check", "--no-config", "-f", "json", f]);
        assert_eq!(o.status.code(), Some(0), "{f}: {}", stdout(&o));
        assert!(diags(&json(&o)).is_empty());
    }
    // Nor does a Rust file alone miss the auth its handlers take.
    for f in ["src/main.rs", "src/users.rs"] {
        let only = ["--select", "unauthenticated-route,auth-mismatch", f];
        let v = check_json(d, &only);
        assert!(diags(&v).is_empty(), "{f}: {v:#}");
    }
    // An editor's buffer, from standard input, is checked in the same context: the
    // fragment through its description, the Rust file with its crate.
    let edited = tree(SHOP);
    shop_edit(edited.path(), "fragment");
    shop_edit(edited.path(), "route");
    for (file, rule) in [
        ("api/schemas/user.yaml", "privileged-field-in-request"),
        ("src/users.rs", "undocumented-endpoint"),
    ] {
        let buffer = std::fs::read_to_string(edited.path().join(file)).unwrap();
        let o = run_stdin(
            d,
            &[
                "check",
                "--no-config",
                "-f",
                "json",
                // `privileged-field-in-request` is in preset `all` since session 33.
                "--select",
                "privileged-field-in-request,undocumented-endpoint",
                "-",
                "--stdin-filename",
                file,
            ],
            buffer,
        );
        assert_eq!(
            rule_and(&json(&o), "file"),
            [(rule, file)],
            "{}",
            stdout(&o)
        );
    }
    shop_edit(d, "fragment");
    shop_edit(d, "route");
    let whole = check_json(d, &["--preset", "all", "."]);
    let rules = rule_and(&whole, "file");
    for want in [
        ("privileged-field-in-request", "api/schemas/user.yaml"),
        ("undocumented-endpoint", "src/users.rs"),
        ("unauthenticated-route", "src/users.rs"),
    ] {
        assert!(rules.contains(&want), "{want:?} in {whole:#}");
    }
    for f in files {
        let part = check_json(d, &["--preset", "all", f]);
        subset(&whole, &part, &[f]);
    }
    let fragment = check_json(
        d,
        &[
            "--select",
            "privileged-field-in-request",
            "api/schemas/user.yaml",
        ],
    );
    assert_eq!(
        rule_and(&fragment, "file"),
        [("privileged-field-in-request", "api/schemas/user.yaml")]
    );
    let pair = check_json(d, &["--preset", "all", "src/main.rs", "src/users.rs"]);
    subset(&whole, &pair, &["src/main.rs", "src/users.rs"]);
    assert!(rule_and(&pair, "file").contains(&("undocumented-endpoint", "src/users.rs")));
    // A file of another kind, named, is a located warning; the hooks pass over it.
    let o = run_in(
        d,
        &[
            "check",
            "--no-config",
            "-f",
            "json",
            ".github/workflows/ci.yaml",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    let v = json(&o);
    assert_eq!(
        rule_and(&v, "file"),
        [("not-an-api-description", ".github/workflows/ci.yaml")]
    );
    assert_eq!(diags(&v)[0]["range"]["start"]["line"], 1);
}

/// Whether `git` can be run (tests that need it are skipped, with a word, when not).
fn has_git() -> bool {
    let found = std::process::Command::new("git")
        .arg("--version")
        .output()
        .is_ok();
    if !found {
        eprintln!("skipped: no git");
    }
    found
}

/// `git ARGS` in `dir` (as a throwaway identity, unsigned); its standard output.
fn git_in(dir: &Path, args: &[&str]) -> String {
    let o = std::process::Command::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=t", "-c", "user.email=t@t"])
        .args(["-c", "commit.gpgsign=false"])
        .args(args)
        .output()
        .unwrap();
    assert!(o.status.success(), "git {args:?}: {o:?}");
    String::from_utf8(o.stdout).unwrap()
}

/// A new repository in `dir` with every file of it committed.
fn commit_all(dir: &Path) {
    git_in(dir, &["init", "-q"]);
    git_in(dir, &["add", "-A"]);
    git_in(dir, &["commit", "-qm", "init"]);
}

/// A pre-commit run as pre-commit makes it: the hook script, given the staged files that
/// match the hook's `files`. A fragment change and a Rust change are caught; a clean change
/// passes.
#[test]
fn pre_commit_hook_checks_staged_fragments_and_rust() {
    if !has_git() {
        return;
    }
    let hook = project_root().join("scripts/pre-commit-hook");
    let staged_run = |edit: &str| -> Output {
        let dir = tree(SHOP);
        let d = dir.path();
        let git = |args: &[&str]| git_in(d, args);
        commit_all(d);
        shop_edit(d, edit);
        std::fs::write(
            d.join(".github/workflows/ci.yaml"),
            "on: [push]\njobs: {}\n",
        )
        .unwrap();
        git(&["add", "-A"]);
        // pre-commit's file selection for the hook (see .pre-commit-hooks.yaml).
        let staged: Vec<String> = git(&["diff", "--cached", "--name-only"])
            .lines()
            .filter(|f| {
                let ours = [".yaml", ".yml", ".json", ".rs"]
                    .iter()
                    .any(|e| f.ends_with(e))
                    || f.rsplit('/').next() == Some("Cargo.toml");
                let skipped = f.ends_with(".rs")
                    && ["tests/", "benches/", "examples/"]
                        .iter()
                        .any(|x| f.starts_with(x) || f.contains(&format!("/{x}")));
                ours && !skipped
            })
            .map(str::to_owned)
            .collect();
        assert!(staged.iter().any(|f| f.ends_with("ci.yaml")), "{staged:?}");
        std::process::Command::new(&hook)
            .current_dir(d)
            .env("APIWARD", env!("CARGO_BIN_EXE_apiward"))
            .env("NO_COLOR", "1")
            .args(["--format", "github", "--preset", "all"])
            .args(&staged)
            .output()
            .unwrap()
    };
    let o = staged_run("fragment");
    assert_eq!(o.status.code(), Some(1), "{o:?}");
    assert!(
        stdout(&o).contains("file=api/schemas/user.yaml,line=7"),
        "{}",
        stdout(&o)
    );
    assert!(
        stdout(&o).contains("privileged-field-in-request"),
        "{}",
        stdout(&o)
    );
    let o = staged_run("route");
    assert_eq!(o.status.code(), Some(1), "{o:?}");
    assert!(stdout(&o).contains("`DELETE /archive`"), "{}", stdout(&o));
    let o = staged_run("comment");
    assert_eq!(o.status.code(), Some(0), "{o:?}");
}

/// A run whose inputs hold no API description and no Rust web service says so (stderr, the
/// JSON summary, the human summary line); a walk that finds nothing fails (exit 2) unless
/// `--allow-empty`.
#[test]
fn nothing_checked_is_not_success() {
    let dir = tree(&[
        ("ci.yaml", "on: push\n"),
        ("docs/x.json", "{\"a\": 1}\n"),
        ("src/lib.rs", "pub fn f() {}\n"),
    ]);
    let d = dir.path();
    let o = run_in(d, &["check", "--no-config", "-f", "json"]);
    assert_eq!(o.status.code(), Some(2), "{o:?}");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("nothing checked: no API description and no Rust web service"),
        "{err}"
    );
    let v = json(&o);
    assert_eq!(v["summary"]["nothing_checked"], true);
    assert!(
        diags(&v)[0]["message"]
            .as_str()
            .unwrap()
            .contains("--allow-empty"),
        "{v:#}"
    );
    let o = run_in(d, &["check", "--no-config", "--allow-empty", "."]);
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    assert_eq!(
        stdout(&o),
        "Nothing checked: no API description and no Rust web service among the inputs.\n"
    );
    // Named files: each is a located warning, and the run fails on it as on any warning.
    let o = run_in(
        d,
        &[
            "check",
            "--no-config",
            "-f",
            "json",
            "ci.yaml",
            "docs/x.json",
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{o:?}");
    let v = json(&o);
    assert_eq!(
        rule_and(&v, "file"),
        [
            ("not-an-api-description", "ci.yaml"),
            ("not-an-api-description", "docs/x.json")
        ]
    );
    assert_eq!(v["summary"]["nothing_checked"], true);
    let o = run_in(
        d,
        &[
            "check",
            "--no-config",
            "--ignore",
            "not-an-api-description",
            "ci.yaml",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    // The same from standard input.
    let o = run_stdin(
        d,
        &[
            "check",
            "--no-config",
            "-f",
            "json",
            "-",
            "--stdin-filename",
            "ci.yaml",
        ],
        "on: push\n",
    );
    assert_eq!(
        rule_and(&json(&o), "file"),
        [("not-an-api-description", "ci.yaml")]
    );
}

/// `apiward baseline` writes the findings down; `check --baseline` then reports and fails
/// only on new ones. Lines inserted above the findings (in a description and in Rust) leave
/// them suppressed; a new problem is reported. SARIF marks both kinds.
#[test]
fn baseline_reports_only_new_findings() {
    let dir = tree(SHOP);
    let d = dir.path();
    std::fs::create_dir(d.join(".git")).unwrap();
    shop_edit(d, "route");
    let o = run_in(d, &["baseline", "--no-config", "--preset", "all"]);
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    let written = std::fs::read_to_string(d.join("apiward-baseline.json")).unwrap();
    insta::assert_snapshot!("baseline_file", written);
    let file: Value = serde_json::from_str(&written).unwrap();
    let rules: Vec<&str> = file["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert!(rules.contains(&"unauthenticated-route") && rules.contains(&"undocumented-endpoint"));
    let with_baseline = ["--preset", "all", "--baseline", "apiward-baseline.json"];
    let v = check_json(d, &with_baseline);
    assert!(diags(&v).is_empty(), "{v:#}");
    // Lines inserted above every finding: still the same findings.
    for (file, head) in [
        ("src/main.rs", "//! The shop.\n\n"),
        ("src/users.rs", "//! Users.\n// Handlers.\n\n"),
        (
            "api/openapi.yaml",
            "# The shop's API.\n# Owned by the shop team.\n",
        ),
    ] {
        let text = std::fs::read_to_string(d.join(file)).unwrap();
        std::fs::write(d.join(file), format!("{head}{text}")).unwrap();
    }
    let o = run_in(
        d,
        &[&["check", "--no-config", "-f", "json"][..], &with_baseline].concat(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(diags(&json(&o)).is_empty(), "{}", stdout(&o));
    assert!(String::from_utf8_lossy(&o.stderr).contains("in the baseline"));
    // From another directory, the same baseline matches.
    let o = run_in(
        &d.join("src"),
        &[
            "check",
            "--no-config",
            "--preset",
            "all",
            "--baseline",
            "../apiward-baseline.json",
            "..",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    // A new problem is reported, and only it.
    shop_edit(d, "fragment");
    let o = run_in(
        d,
        &[&["check", "--no-config", "-f", "json"][..], &with_baseline].concat(),
    );
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        rule_and(&json(&o), "file"),
        [("privileged-field-in-request", "api/schemas/user.yaml")]
    );
    // SARIF: the new finding `new`, the others `unchanged` and suppressed.
    let o = run_in(
        d,
        &[&["check", "--no-config", "-f", "sarif"][..], &with_baseline].concat(),
    );
    assert_eq!(o.status.code(), Some(1));
    let sarif = json(&o);
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let new: Vec<&Value> = results
        .iter()
        .filter(|r| r["baselineState"] == "new")
        .collect();
    assert_eq!(new.len(), 1);
    assert_eq!(new[0]["ruleId"], "privileged-field-in-request");
    assert!(new[0]["suppressions"].is_null());
    assert_eq!(results.len(), rules.len() + 1);
    for r in results {
        assert!(
            r["partialFingerprints"]["apiwardFinding/v2"].is_string(),
            "{r:#}"
        );
        if r["baselineState"] == "unchanged" {
            assert_eq!(r["suppressions"][0]["kind"], "external");
        }
    }
    // A file that is no baseline: a clear error, exit 2.
    std::fs::write(d.join("bad.json"), "{\"version\": 1, \"findings\": 3}").unwrap();
    let o = run_in(
        d,
        &[
            "check",
            "--no-config",
            "-f",
            "json",
            "--baseline",
            "bad.json",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    let v = json(&o);
    assert!(
        diags(&v)[0]["message"]
            .as_str()
            .unwrap()
            .contains("is not an apiward baseline"),
        "{v:#}"
    );
}

/// `--new-since REF`: only the findings that the project at that commit does not have.
/// Lines inserted above old findings leave them out; a new route is reported.
#[test]
fn new_since_a_commit_reports_only_new_findings() {
    if !has_git() {
        return;
    }
    let dir = tree(SHOP);
    let d = dir.path();
    shop_edit(d, "fragment");
    commit_all(d);
    // The committed tree already has one finding; it is not new (its rule is in preset
    // `all` since session 33).
    let sel = [
        "--select",
        "privileged-field-in-request,undocumented-endpoint",
    ];
    let v = check_json(d, &[&sel[..], &["--new-since", "HEAD"]].concat());
    assert!(diags(&v).is_empty(), "{v:#}");
    let text = std::fs::read_to_string(d.join("api/schemas/user.yaml")).unwrap();
    std::fs::write(
        d.join("api/schemas/user.yaml"),
        format!("# Users.\n\n{text}"),
    )
    .unwrap();
    shop_edit(d, "route");
    let o = run_in(
        d,
        &[
            &["check", "--no-config", "-f", "json"][..],
            &sel,
            &["--new-since", "HEAD"],
        ]
        .concat(),
    );
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        rule_and(&json(&o), "file"),
        [("undocumented-endpoint", "src/users.rs")]
    );
    assert!(String::from_utf8_lossy(&o.stderr).contains("1 finding present at `HEAD` not reported"));
    // Named files, as pre-commit names them.
    let v = check_json(
        d,
        &[
            &sel[..],
            &[
                "--new-since",
                "HEAD",
                "src/users.rs",
                "api/schemas/user.yaml",
            ],
        ]
        .concat(),
    );
    assert_eq!(
        rule_and(&v, "file"),
        [("undocumented-endpoint", "src/users.rs")]
    );
    // A commit that does not exist, a directory that is no repository: exit 2, said.
    let o = run_in(d, &["check", "--no-config", "--new-since", "no-such-ref"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stdout(&o).contains("`--new-since no-such-ref`: no such commit"),
        "{}",
        stdout(&o)
    );
    let plain = tree(&[(
        "openapi.yaml",
        "openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths: {}\n",
    )]);
    let o = run_in(
        plain.path(),
        &["check", "--no-config", "--new-since", "HEAD"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stdout(&o).contains("needs a git repository"),
        "{}",
        stdout(&o)
    );
}

/// Runs the binary as a user that file permissions apply to. As root (CAP_DAC_OVERRIDE),
/// a mode-000 directory can still be read: the run is then made as `nobody` through
/// `setpriv` when it exists, else `None` (the test says it was skipped).
fn run_unprivileged(dir: &Path, args: &[&str]) -> Option<Output> {
    let root = std::process::Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.trim_ascii() == b"0");
    let bin = assert_cmd::cargo::cargo_bin("apiward");
    let mut cmd = if root {
        let setpriv = ["/usr/bin/setpriv", "/bin/setpriv"]
            .into_iter()
            .find(|p| Path::new(p).exists())?;
        let mut c = std::process::Command::new(setpriv);
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(&bin);
        c
    } else {
        std::process::Command::new(&bin)
    };
    let o = cmd
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .ok()?;
    // `nobody` may not reach the binary or the folder (a private home): nothing to learn.
    (o.status.code() != Some(126) && o.status.code() != Some(127)).then_some(o)
}

#[test]
fn unreadable_directory_is_reported() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let top = tmp.path();
    let closed = top.join("api/closed");
    std::fs::create_dir_all(&closed).unwrap();
    let spec = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n";
    std::fs::write(top.join("api/openapi.yaml"), spec).unwrap();
    std::fs::write(closed.join("openapi.yaml"), spec).unwrap();
    for d in [top, &top.join("api")] {
        std::fs::set_permissions(d, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    std::fs::set_permissions(&closed, std::fs::Permissions::from_mode(0o000)).unwrap();
    let walked = run_unprivileged(top, &["check", "--no-config", "--format", "json", "api"]);
    let named = run_unprivileged(
        top,
        &[
            "check",
            "--no-config",
            "--format",
            "json",
            "api/closed/openapi.yaml",
        ],
    );
    std::fs::set_permissions(&closed, std::fs::Permissions::from_mode(0o755)).unwrap();
    let (Some(walked), Some(named)) = (walked, named) else {
        eprintln!("skipped: running as root and no unprivileged run is possible");
        return;
    };
    if walked.status.code() == Some(0) && stdout(&walked).contains("\"specs\": 2") {
        eprintln!("skipped: permissions are not enforced here");
        return;
    }
    // The walk: the readable description is linted, the closed folder is an input error.
    assert_eq!(walked.status.code(), Some(2), "{}", stdout(&walked));
    let v = json(&walked);
    let d = diags(&v);
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0]["rule"], "io-error");
    assert_eq!(d[0]["file"], "api/closed");
    assert!(d[0]["message"]
        .as_str()
        .unwrap()
        .contains("permission denied"));
    assert_eq!(v["summary"]["files"]["specs"], 1);
    // A file under it, named: permission denied, not "no such file".
    assert_eq!(named.status.code(), Some(2));
    let v = json(&named);
    let m = diags(&v)[0]["message"].as_str().unwrap().to_string();
    assert!(m.contains("permission denied"), "{m}");
}

/// An actix service of `n` handlers, each registered by its own `cfg.service(hN);`
/// statement on a `&mut ServiceConfig`.
fn actix_config_of(n: usize) -> tempfile::TempDir {
    let mut src = String::from("use actix_web::{post, web, App, HttpResponse};\n");
    for i in 0..n {
        src.push_str(&format!(
            "#[post(\"/p{i}/{{id}}\")]\nasync fn h{i}(p: web::Path<String>) -> HttpResponse {{ HttpResponse::Ok().finish() }}\n"
        ));
    }
    src.push_str("fn config(cfg: &mut web::ServiceConfig) {\n");
    for i in 0..n {
        src.push_str(&format!("    cfg.service(h{i});\n"));
    }
    src.push_str("}\nfn main() { App::new().configure(config); }\n");
    rust_project(&src)
}

/// Statements that each add a service to a config variable (`cfg.service(h);`): every
/// route is listed. (The variable's router is moved through each statement, not copied: the
/// copy made 20,000 statements take 47 s. That speed is measured by `scripts/hostile.sh`,
/// 200,000 such statements, not asserted by a timed test.)
#[test]
fn config_statements_all_listed() {
    let n = 8_000;
    let dir = actix_config_of(n);
    let o = run_in(dir.path(), &["routes", "--format", "json", "."]);
    assert_eq!(json(&o)["summary"]["routes"], n, "{}", stdout(&o));
}

/// A description whose path names are 200,000 characters long: each message quotes an
/// excerpt of the name (its first 160 characters and `…`), in every format, while the
/// pointer still names the operation exactly.
#[test]
fn messages_quote_an_excerpt_of_a_long_name() {
    let long = format!("/{}", "a".repeat(200_000));
    let spec = format!(
        "{{\"openapi\":\"3.0.3\",\"info\":{{\"title\":\"t\",\"version\":\"1\"}},\"paths\":{{\"{long}\":{{\"post\":{{\"parameters\":[{{\"name\":\"q\",\"in\":\"query\",\"schema\":{{\"type\":\"string\"}}}}],\"responses\":{{\"200\":{{\"description\":\"ok\"}}}}}}}}}}}}"
    );
    let dir = tree(&[("openapi.json", &spec)]);
    let v = check_json(dir.path(), &["--preset", "all", "openapi.json"]);
    let d = diags(&v);
    assert!(d.len() > 3, "{}", d.len());
    for x in d {
        let m = x["message"].as_str().unwrap();
        assert!(m.chars().count() < 500, "{}", &m[..500]);
    }
    let auth = d.iter().find(|x| x["rule"] == "missing-auth").unwrap();
    let excerpt: String = format!("POST {long}").chars().take(160).collect();
    assert!(auth["message"]
        .as_str()
        .unwrap()
        .starts_with(&format!("`{excerpt}…`")));
    assert_eq!(
        auth["pointer"].as_str().unwrap(),
        format!("/paths/~1{}/post", &long[1..])
    );
    for format in ["human", "sarif", "github"] {
        let o = run_in(
            dir.path(),
            &["check", "--no-config", "--format", format, "openapi.json"],
        );
        let out = stdout(&o);
        // SARIF names the pointer (once per finding); the human and GitHub formats do not.
        let limit = if format == "sarif" {
            2_000_000
        } else {
            100_000
        };
        assert!(out.len() < limit, "{format}: {} bytes", out.len());
    }
}

/// Runs `apiward` in `dir` with `APIWARD_PARSE_PARTS` set (the size from which a Rust file
/// is parsed in parts, and of a part).
fn run_parts(dir: &Path, parts: &str, args: &[&str]) -> Output {
    run_env(dir, ("APIWARD_PARSE_PARTS", parts), args)
}

/// Runs `apiward` in `dir` with the environment variable `var` set to its value.
fn run_env(dir: &Path, (var, value): (&str, &str), args: &[&str]) -> Output {
    assert_cmd::Command::cargo_bin("apiward")
        .unwrap()
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env(var, value)
        .args(args)
        .timeout(Duration::from_secs(120))
        .output()
        .unwrap()
}

/// The route at `path` of a `routes` JSON output is registered on line `line` of `src`,
/// at the text `at`, its column that of its byte offset.
fn assert_registered_at(v: &Value, path: &str, src: &str, line: usize, at: &str) {
    let route = v["routes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["path"] == path)
        .unwrap();
    let start = &route["registration"]["range"]["start"];
    assert_eq!(start["line"], line);
    let offset = start["offset"].as_u64().unwrap() as usize;
    let line_start = src[..offset].rfind('\n').unwrap() + 1;
    assert_eq!(start["column"], offset - line_start + 1);
    assert!(
        src[offset..].starts_with(at),
        "{}",
        &src[offset..offset + 20]
    );
}

/// `routes` and `check --preset all` of the folder, in JSON.
const ROUTES_JSON: [&str; 4] = ["routes", ".", "--format", "json"];
const CHECK_ALL_JSON: [&str; 7] = [
    "check",
    ".",
    "--no-config",
    "--preset",
    "all",
    "--format",
    "json",
];

/// A crate in a temporary folder whose `src/main.rs` is `src`.
fn big_crate(src: &str) -> tempfile::TempDir {
    let dir = rust_project(src);
    let manifest = "[package]\nname = \"big\"\nversion = \"0.1.0\"\n";
    std::fs::write(dir.path().join("Cargo.toml"), manifest).unwrap();
    dir
}

/// Ends `src`'s `config` function with handler `h{n-1}` registered once more in a scope,
/// and adds the `main` that configures the app with it: the line of that registration.
fn end_config(src: &mut String, n: usize) -> usize {
    let line = src.lines().count() + 1;
    src.push_str(&format!(
        "    cfg.service(web::scope(PREFIX).service(h{}));\n}}\nfn main() {{ App::new().configure(config); }}\n",
        n - 1
    ));
    line
}

/// A Rust file of 1 MB (past the size from which a file is parsed in parts, so that its
/// syntax tree never exists whole: issue 17's 27 MB file of handlers peaked at 2.8 GB),
/// with what one part needs of another (a constant prefix, a struct's bounds, a helper):
/// the routes and findings are those of the whole file, at the same byte offsets, and the
/// last route is located exactly.
#[test]
fn a_large_rust_file_is_parsed_in_parts_with_exact_locations() {
    let n = 6_000;
    let mut src = String::from(
        "use actix_web::{post, web, App, HttpResponse};\n\
         use axum::{extract::Query, routing::get, Router};\n\
         const PREFIX: &str = \"/api\";\n\
         #[derive(serde::Deserialize)]\n\
         struct Search { q: String }\n",
    );
    for i in 0..n {
        src.push_str(&format!(
            "/// Handler {i}; a `}}` and a `;` in comments {{ /* ; }} */\n\
             #[post(\"/p{i}/{{id}}\")]\n\
             async fn h{i}(p: web::Path<String>) -> HttpResponse {{ let _c = '}}'; let _s = r#\"}};\"#; HttpResponse::Ok().finish() }}\n"
        ));
    }
    src.push_str(
        "async fn search(Query(s): Query<Search>, pool: sqlx::PgPool) -> String {\n    \
         let sql = format!(\"select * from t where n = '{}'\", s.q);\n    \
         sqlx::query(&sql).execute(&pool).await.ok();\n    String::new()\n}\n\
         fn app() -> Router { Router::new().nest(PREFIX, Router::new().route(\"/search\", get(search))) }\n\
         fn config(cfg: &mut web::ServiceConfig) {\n",
    );
    for i in 0..n {
        src.push_str(&format!("    cfg.service(h{i});\n"));
    }
    let last_line = end_config(&mut src, n);
    assert!(src.len() > 1_000_000, "{}", src.len());
    let dir = big_crate(&src);
    let whole = "1000000000";
    for args in [&ROUTES_JSON[..], &CHECK_ALL_JSON[..]] {
        let in_parts = run_in(dir.path(), args);
        assert_eq!(
            stdout(&in_parts),
            stdout(&run_parts(dir.path(), whole, args)),
            "{args:?}"
        );
        // Cut after every item: the same again.
        assert_eq!(
            stdout(&in_parts),
            stdout(&run_parts(dir.path(), "1", args)),
            "{args:?}"
        );
    }
    let v = json(&run_in(dir.path(), &["routes", ".", "--format", "json"]));
    // Each handler, `h{n-1}` once more in the scope, and `/api/search`.
    assert_eq!(v["routes"].as_array().unwrap().len(), n + 2);
    let scoped = format!("/api/p{}/{{id}}", n - 1);
    assert_registered_at(&v, &scoped, &src, last_line, &format!("h{})", n - 1));
    let v = json(&run_in(
        dir.path(),
        &["check", ".", "--no-config", "--format", "json"],
    ));
    let sql = diags(&v)
        .iter()
        .find(|d| d["rule"] == "sql-injection")
        .cloned()
        .unwrap_or_else(|| panic!("{v}"));
    let at = src.find("sqlx::query(&sql)").unwrap();
    assert_eq!(sql["range"]["start"]["line"], src[..at].lines().count());
    // A baseline names the item that encloses a finding, read from the parts too.
    let baseline = |parts: &str| {
        let args = ["baseline", "--no-config", "--preset", "all", "-o", "b.json"];
        assert!(run_parts(dir.path(), parts, &args).status.success());
        std::fs::read_to_string(dir.path().join("b.json")).unwrap()
    };
    let written = baseline("1");
    assert_eq!(written, baseline(whole));
    assert!(written.contains("\"at\": \"fn search\""), "{written}");
}

/// A function too large to parse whole (a generated `config` of 30,000 registrations, as
/// issue 17's 200,000-handler file, whose one function held 45% of the heap at its peak):
/// parsed in pieces of its statements, it gives the routes and findings of a whole parse,
/// the last registration located exactly, and a finding inside it still found.
#[test]
fn a_large_function_is_parsed_in_pieces_with_exact_locations() {
    let n = 30_000;
    let mut src = String::from(
        "use actix_web::{get, web, App};\n\
         const PREFIX: &str = \"/api\";\n",
    );
    for i in 0..n {
        src.push_str(&format!(
            "#[get(\"/p{i}\")] async fn h{i}() -> &'static str {{ \"\" }}\n"
        ));
    }
    src.push_str("pub fn config(cfg: &mut web::ServiceConfig) {\n");
    let mut secret_line = 0;
    for i in 0..n {
        if i == n / 2 {
            secret_line = src.lines().count() + 1;
            src.push_str("    let client = reqwest::Client::builder().danger_accept_invalid_certs(true).build();\n");
        }
        src.push_str(&format!("    cfg.service(h{i});\n"));
    }
    let last_line = end_config(&mut src, n);
    let body = src.len() - src.find("pub fn config").unwrap();
    assert!(body > 512 * 1024, "{body}");
    let dir = big_crate(&src);
    let whole_fn = |args: &[&str]| run_env(dir.path(), ("APIWARD_PARSE_FN", "1000000000"), args);
    let (routes, check) = (ROUTES_JSON, CHECK_ALL_JSON);
    for args in [&routes[..], &check[..]] {
        assert_eq!(
            stdout(&run_in(dir.path(), args)),
            stdout(&whole_fn(args)),
            "{args:?}"
        );
    }
    let v = json(&run_in(dir.path(), &routes));
    assert_eq!(v["routes"].as_array().unwrap().len(), n + 1);
    let scoped = format!("/api/p{}", n - 1);
    assert_registered_at(&v, &scoped, &src, last_line, &format!("h{})", n - 1));
    let v = json(&run_in(dir.path(), &check));
    let tls = diags(&v)
        .iter()
        .find(|d| d["rule"] == "tls-verification-disabled")
        .cloned()
        .expect("the finding in the large function");
    assert_eq!(tls["range"]["start"]["line"], secret_line);
    let offset = tls["range"]["start"]["offset"].as_u64().unwrap() as usize;
    let line_start = src[..offset].rfind('\n').unwrap() + 1;
    assert_eq!(tls["range"]["start"]["column"], offset - line_start + 1);
}

#[test]
fn mock_descriptions_are_set_aside_in_a_walk_of_dot() {
    // A walk of `.` (as a hook or CI runs it) names files without `./`: a mock of another
    // API in `eval-mocks/` is set aside with one note; the service's own is linted.
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let spec = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /search:\n    get:\n      responses:\n        '200': {description: ok}\n";
    for f in ["api/openapi.yaml", "infra/eval-mocks/search.yaml"] {
        std::fs::create_dir_all(d.join(f).parent().unwrap()).unwrap();
        std::fs::write(d.join(f), spec).unwrap();
    }
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_apiward"))
        .current_dir(d)
        .args(["check", ".", "--no-config", "--format", "json"])
        .output()
        .unwrap();
    let v = json(&o);
    let files: std::collections::BTreeSet<(String, String)> = diags(&v)
        .iter()
        .map(|x| {
            (
                x["rule"].as_str().unwrap().to_string(),
                x["file"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert!(
        files.contains(&(
            "superseded-description".into(),
            "infra/eval-mocks/search.yaml".into()
        )),
        "{files:?}"
    );
    assert!(
        files
            .iter()
            .all(|(r, f)| f.starts_with("api/") || r == "superseded-description"),
        "{files:?}"
    );
    assert!(
        files.iter().any(|(_, f)| f == "api/openapi.yaml"),
        "{files:?}"
    );
}

/// Code the Rust rules found something in was checked, though apiward lists no route of it
/// (a server written with a framework it does not read): its findings and no "nothing
/// checked" error.
#[test]
fn code_with_findings_is_not_nothing_checked() {
    let dir = tree(&[(
        "src/main.rs",
        "pub fn client() -> reqwest::Client {\n    reqwest::Client::builder()\n        .danger_accept_invalid_certs(true)\n        .build()\n        .unwrap()\n}\n",
    )]);
    let o = run_in(dir.path(), &["check", "--no-config", "-f", "json", "."]);
    let v = json(&o);
    assert_eq!(v["summary"]["nothing_checked"], false, "{v:#}");
    assert_eq!(
        rule_and(&v, "file"),
        [("tls-verification-disabled", "src/main.rs")]
    );
}

/// A workspace's deterministic simulation harness (a crate named `simulator`) and its
/// integration tests (a crate named `integrationtests`, one word) are test code: their fixed
/// test logins are not reported by default.
#[test]
fn a_simulator_crate_is_test_code() {
    for name in ["simulator", "integrationtests"] {
        let members = format!("[workspace]\nmembers = [\"server\", \"{name}\"]\n");
        let manifest = format!("[package]\nname = \"{name}\"\nversion = \"0.1.0\"\n");
        let (manifest_at, lib_at) = (format!("{name}/Cargo.toml"), format!("{name}/src/lib.rs"));
        let dir = tree(&[
            ("Cargo.toml", members.as_str()),
            (
                "server/Cargo.toml",
                "[package]\nname = \"server\"\nversion = \"0.1.0\"\n\n[dependencies]\naxum = \"0.8\"\n",
            ),
            (
                "server/src/main.rs",
                "use axum::{routing::get, Router};\nasync fn home() -> &'static str { \"hi\" }\nfn app() -> Router { Router::new().route(\"/\", get(home)) }\n",
            ),
            (manifest_at.as_str(), manifest.as_str()),
            (
                lib_at.as_str(),
                "pub const ROOT_PASSWORD: &str = \"Xq7#vP2!mZ9kLw4t\";\n",
            ),
        ]);
        let v = json(&run_in(
            dir.path(),
            &["check", "--no-config", "-f", "json", "."],
        ));
        assert!(
            !diags(&v).iter().any(|d| d["rule"] == "hardcoded-secret"),
            "{name}: {v:#}"
        );
        assert_eq!(v["summary"]["nothing_checked"], false, "{v:#}");
        // With only a rule about any code selected, the routes are not looked for, and the
        // code is still checked: no "nothing checked" error (a hook running one rule).
        let o = run_in(
            dir.path(),
            &["check", "--no-config", "--select", "hardcoded-secret", "."],
        );
        assert_eq!(o.status.code(), Some(0), "{o:?}");
    }
}

/// A crate's build script runs at compile time, never in the service: the development
/// database login it generates code against is not reported; the same value in `src/` is.
#[test]
fn a_build_script_is_not_served_code() {
    let secret = "pub const ROOT_PASSWORD: &str = \"Xq7#vP2!mZ9kLw4t\";\nfn main() {}\n";
    let dir = tree(&[
        (
            "Cargo.toml",
            "[package]\nname = \"server\"\nversion = \"0.1.0\"\n\n[dependencies]\naxum = \"0.8\"\n",
        ),
        ("build.rs", secret),
        // A module of the crate named `build` (declared: compiled, served).
        (
            "src/main.rs",
            "mod build;\nuse axum::{routing::get, Router};\nasync fn home() -> &'static str { \"hi\" }\nfn app() -> Router { Router::new().route(\"/\", get(home)) }\n",
        ),
        ("src/build.rs", secret),
    ]);
    let v = json(&run_in(
        dir.path(),
        &[
            "check",
            "--no-config",
            "-f",
            "json",
            "--select",
            "hardcoded-secret",
            ".",
        ],
    ));
    let found: Vec<_> = diags(&v)
        .iter()
        .filter(|d| d["rule"] == "hardcoded-secret")
        .map(|d| d["file"].as_str().unwrap_or_default().to_string())
        .collect();
    assert_eq!(found, ["src/build.rs"], "{v:#}");
}

/// A crate with two descriptions, one that does not parse: which one documents the code is
/// open, as with two that parse (one `ambiguous-pairing` note, no drift findings against
/// the other). A WebSocket upgrade route is never "undocumented": OpenAPI cannot describe it.
#[test]
fn a_broken_second_description_leaves_the_pairing_open() {
    let main_rs = "use axum::{extract::ws::WebSocketUpgrade, response::Response, routing::get, Router};\n\
async fn users() -> &'static str { \"[]\" }\n\
async fn stats() -> &'static str { \"{}\" }\n\
async fn events(ws: WebSocketUpgrade) -> Response { ws.on_upgrade(|_s| async {}) }\n\
pub fn app() -> Router {\n    Router::new()\n        .route(\"/users\", get(users))\n        .route(\"/stats\", get(stats))\n        .route(\"/events\", get(events))\n}\n";
    let good = "openapi: 3.0.3\ninfo: {title: admin, version: '1'}\npaths:\n  /users:\n    get:\n      responses:\n        '200': {description: ok}\n";
    let broken = "openapi: 3.0.3\ninfo: {title: client, version: '1'}\npaths:\n  /users:\n    get:\n      description: 'a quoted text\n  cut too far left'\n";
    let dir = tree(&[
        (
            "Cargo.toml",
            "[package]\nname = \"svc\"\nversion = \"0.1.0\"\n\n[dependencies]\naxum = \"0.8\"\n",
        ),
        ("src/main.rs", main_rs),
        ("openapi-admin.yaml", good),
        ("openapi-client.yaml", broken),
    ]);
    let drift = |v: &Value| -> Vec<String> {
        diags(v)
            .iter()
            .filter(|d| {
                matches!(
                    d["rule"].as_str(),
                    Some("undocumented-endpoint" | "unimplemented-endpoint" | "ambiguous-pairing")
                )
            })
            .map(|d| {
                format!(
                    "{} {}",
                    d["rule"].as_str().unwrap(),
                    d["file"].as_str().unwrap()
                )
            })
            .collect()
    };
    let v = json(&run_in(
        dir.path(),
        &["check", "--no-config", "-f", "json", "."],
    ));
    assert_eq!(drift(&v), ["ambiguous-pairing openapi-admin.yaml"], "{v:#}");
    // With the broken one gone, the other is the crate's: `/stats` is undocumented, the
    // WebSocket `/events` is not reported.
    std::fs::remove_file(dir.path().join("openapi-client.yaml")).unwrap();
    let v = json(&run_in(
        dir.path(),
        &["check", "--no-config", "-f", "json", "."],
    ));
    assert_eq!(drift(&v), ["undocumented-endpoint src/main.rs"], "{v:#}");
    assert!(
        diags(&v)
            .iter()
            .any(|d| d["message"].as_str().unwrap().contains("/stats")),
        "{v:#}"
    );
}

/// The same endpoint registered in several arms (one handler per model kind) is one gap in
/// the description: one `undocumented-endpoint` finding, at the first registration, the
/// others named as related.
#[test]
fn undocumented_endpoint_once_per_method_and_path() {
    let main_rs = "use axum::{routing::{get, post}, Router};\n\
         enum Kind { A, B }\n\
         async fn list() -> &'static str { \"[]\" }\n\
         async fn score_a() -> &'static str { \"a\" }\n\
         async fn score_b() -> &'static str { \"b\" }\n\
         fn app(kind: Kind) -> Router {\n\
         \x20   let r = Router::new().route(\"/items\", get(list));\n\
         \x20   match kind {\n\
         \x20       Kind::A => r.route(\"/score\", post(score_a)),\n\
         \x20       Kind::B => r.route(\"/score\", post(score_b)),\n\
         \x20   }\n\
         }\n";
    let spec = "openapi: 3.0.3\ninfo: { title: Items, version: \"1\" }\n\
         servers:\n  - url: https://api.example.com\nsecurity: []\n\
         paths:\n  /items:\n    get:\n      responses:\n        \"200\": { description: ok }\n";
    let dir = service_project(main_rs, spec);
    let v = check_json(dir.path(), &["--select", "undocumented-endpoint", "."]);
    let found: Vec<(String, u64, Vec<u64>)> = diags(&v)
        .iter()
        .map(|d| {
            (
                d["message"].as_str().unwrap().to_owned(),
                d["range"]["start"]["line"].as_u64().unwrap(),
                d["related"]
                    .as_array()
                    .map(|r| {
                        r.iter()
                            .map(|x| x["range"]["start"]["line"].as_u64().unwrap())
                            .collect()
                    })
                    .unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [(
            "`POST /score` is served by the code but is not in `openapi.yaml`".to_owned(),
            9,
            vec![10]
        )],
        "{v:#}"
    );
}

/// A file of route constants that also holds a rule's marker word (`count_tokens` for
/// `hardcoded-secret`) is parsed for the rule first: its paths must still reach the routes,
/// so that `check` compares the same routes as `apiward routes` lists.
#[test]
fn route_constants_in_a_file_a_rule_reads() {
    let main_rs = "mod registry;\n\
         use axum::{routing::post, Router};\n\
         use registry::{COUNT_TOKENS, MESSAGES};\n\
         async fn count() -> &'static str { \"0\" }\n\
         async fn send() -> &'static str { \"ok\" }\n\
         fn app() -> Router {\n\
         \x20   Router::new()\n\
         \x20       .route(COUNT_TOKENS.path, post(count))\n\
         \x20       .route(MESSAGES.path, post(send))\n\
         }\n";
    let spec = "openapi: 3.0.3\ninfo: { title: Msgs, version: \"1\" }\n\
         servers:\n  - url: https://api.example.com\nsecurity: []\n\
         paths:\n  /v1/messages:\n    post:\n      responses:\n        \"200\": { description: ok }\n";
    let dir = service_project(main_rs, spec);
    std::fs::write(
        dir.path().join("src/registry.rs"),
        "pub struct RouteInfo { pub path: &'static str }\n\
         impl RouteInfo { pub const fn new(path: &'static str) -> Self { Self { path } } }\n\
         pub const COUNT_TOKENS: RouteInfo = RouteInfo::new(\"/v1/messages/count_tokens\");\n\
         pub const MESSAGES: RouteInfo = RouteInfo::new(\"/v1/messages\");\n",
    )
    .unwrap();
    let v = check_json(
        dir.path(),
        &[
            "--select",
            "hardcoded-secret,incomplete-route-inventory,undocumented-endpoint",
            ".",
        ],
    );
    assert_eq!(
        rule_and(&v, "message"),
        [(
            "undocumented-endpoint",
            "`POST /v1/messages/count_tokens` is served by the code but is not in `openapi.yaml`"
        )],
        "{v:#}"
    );
}

/// Any-origin CORS with credentials on a service whose every route is open (a public
/// relay) exposes no signed-in user: with no credentials to send it is `allow_origin(Any)`
/// alone, not reported. On a service with a route that requires a cookie it is an error;
/// one whose code reads only a bearer token, which no browser attaches by itself, is info.
#[test]
fn permissive_cors_on_a_service_without_credentials_is_not_reported() {
    let project = |handler: &str| {
        tree(&[
            (
                "Cargo.toml",
                "[package]\nname = \"relay\"\nversion = \"0.1.0\"\n\n[dependencies]\naxum = \"0.8\"\ntower-http = \"0.6\"\n",
            ),
            (
                "src/main.rs",
                &format!(
                    "use axum::{{routing::get, Router}};\n\
                     use tower_http::cors::CorsLayer;\n\
                     {handler}\n\
                     fn app() -> Router {{\n\
                     \x20   Router::new().route(\"/{{key}}\", get(record)).layer(CorsLayer::very_permissive())\n\
                     }}\n"
                ),
            ),
        ])
    };
    let open = project("async fn record() -> &'static str { \"record\" }");
    let v = check_json(open.path(), &["--select", "permissive-cors"]);
    assert!(rule_and(&v, "severity").is_empty(), "{v:#}");
    // A session cookie, which the browser sends by itself: an error.
    let cookie = project(
        "async fn record(headers: axum::http::HeaderMap) -> Result<&'static str, axum::http::StatusCode> {\n\
         \x20   headers.get(\"cookie\").ok_or(axum::http::StatusCode::UNAUTHORIZED)?;\n\
         \x20   Ok(\"record\")\n\
         }",
    );
    let v = check_json(cookie.path(), &["--select", "permissive-cors"]);
    assert_eq!(rule_and(&v, "severity"), [("permissive-cors", "error")]);
    // A bearer token only, which a page on another site does not have: info, saying so.
    let bearer = project(
        "async fn record(headers: axum::http::HeaderMap) -> Result<&'static str, axum::http::StatusCode> {\n\
         \x20   headers.get(\"authorization\").ok_or(axum::http::StatusCode::UNAUTHORIZED)?;\n\
         \x20   Ok(\"record\")\n\
         }",
    );
    let v = check_json(bearer.path(), &["--select", "permissive-cors"]);
    assert_eq!(rule_and(&v, "severity"), [("permissive-cors", "info")]);
    assert!(diags(&v)[0]["message"]
        .as_str()
        .unwrap()
        .contains("reads a credential a browser sends by itself"));
    // Open routes beside a fallback to a router built elsewhere (its auth unknown here):
    // the fallback says nothing of the routes the layer covers.
    let fallback = tree(&[
        (
            "Cargo.toml",
            "[package]\nname = \"relay\"\nversion = \"0.1.0\"\n\n[dependencies]\naxum = \"0.8\"\ntower-http = \"0.6\"\n",
        ),
        (
            "src/main.rs",
            "use axum::{routing::get, Router};\n\
             use tower_http::cors::CorsLayer;\n\
             async fn version(headers: axum::http::HeaderMap) -> &'static str { let _ = headers.get(\"cookie\"); \"1\" }\n\
             pub struct Service { router: Router }\n\
             impl Service {\n\
             \x20   fn app(self) -> Router {\n\
             \x20       let wrapped = tower::ServiceBuilder::new().service(self.router);\n\
             \x20       Router::new().route(\"/version\", get(version)).fallback_service(wrapped).layer(CorsLayer::very_permissive())\n\
             \x20   }\n\
             }\n",
        ),
    ]);
    let v = check_json(fallback.path(), &["--select", "permissive-cors"]);
    assert!(rule_and(&v, "severity").is_empty(), "{v:#}");
}

/// A CORS layer is judged by the routes it covers: one wrapping a scope whose handlers take
/// no credentials (signed payloads checked elsewhere) is not reported, though another scope of the
/// service requires a session; the one wrapping that scope stays an error. A layer over a
/// chain that nests a router built elsewhere is judged by the service (its routes there
/// require credentials: an error).
#[test]
fn permissive_cors_is_judged_by_the_scope_it_wraps() {
    let dir = tree(&[
        (
            "Cargo.toml",
            "[package]\nname = \"kms\"\nversion = \"0.1.0\"\n\n[dependencies]\nactix-web = \"4\"\nactix-cors = \"0.7\"\n",
        ),
        (
            "src/main.rs",
            "use actix_cors::Cors;\n\
             use actix_web::{web, App, HttpRequest, HttpResponse, HttpServer};\n\
             async fn wrap_key(body: String) -> HttpResponse { HttpResponse::Ok().body(body) }\n\
             async fn keys(req: HttpRequest) -> HttpResponse {\n\
             \x20   if req.cookie(\"session\").is_none() { return HttpResponse::Unauthorized().finish(); }\n\
             \x20   HttpResponse::Ok().finish()\n\
             }\n\
             #[actix_web::main]\n\
             async fn main() -> std::io::Result<()> {\n\
             \x20   HttpServer::new(|| {\n\
             \x20       let cse = web::scope(\"/cse\").wrap(Cors::permissive()).route(\"/wrap\", web::post().to(wrap_key));\n\
             \x20       let api = web::scope(\"/api\").wrap(Cors::permissive()).route(\"/keys\", web::get().to(keys));\n\
             \x20       App::new().service(cse).service(api)\n\
             \x20   })\n\
             \x20   .bind((\"0.0.0.0\", 8080))?\n\
             \x20   .run()\n\
             \x20   .await\n\
             }\n",
        ),
    ]);
    let v = check_json(dir.path(), &["--select", "permissive-cors"]);
    let found: Vec<(u64, String)> = diags(&v)
        .iter()
        .map(|d| {
            (
                d["range"]["start"]["line"].as_u64().unwrap(),
                d["severity"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    // `/cse` takes no credentials: allowing them there changes nothing.
    assert_eq!(found, [(12, "error".to_owned())], "{v:#}");
}

/// A CORS layer in a library's server function, run by a binary crate that names the
/// service, over a chain that brings its routes from elsewhere (`.configure(f)`): judged by
/// the routes of the services its file registers routes of. None reads credentials: not
/// reported; one scope reading a session cookie: an error.
#[test]
fn permissive_cors_in_a_library_server_is_judged_by_its_services() {
    let project = |check: &str| {
        tree(&[
            (
                "Cargo.toml",
                "[workspace]\nmembers = [\"web\", \"app\"]\n",
            ),
            (
                "web/Cargo.toml",
                "[package]\nname = \"svc-web\"\nversion = \"0.1.0\"\n\n[dependencies]\nactix-web = \"4\"\nactix-cors = \"0.7\"\n",
            ),
            (
                "app/Cargo.toml",
                "[package]\nname = \"svc\"\nversion = \"0.1.0\"\n\n[dependencies]\nsvc-web = { path = \"../web\" }\n",
            ),
            (
                "app/src/main.rs",
                "#[actix_web::main]\nasync fn main() -> std::io::Result<()> { svc_web::run()?.await }\n",
            ),
            (
                "web/src/lib.rs",
                "use actix_cors::Cors;\n\
                 use actix_web::{get, web, App, HttpResponse, HttpServer, dev::Server};\n\
                 mod endpoints;\n\
                 #[get(\"/\")]\n\
                 pub async fn root_info() -> HttpResponse { HttpResponse::Ok().finish() }\n\
                 pub fn run() -> std::io::Result<Server> {\n\
                 \x20   let server = HttpServer::new(move || {\n\
                 \x20       App::new()\n\
                 \x20           .wrap(Cors::permissive())\n\
                 \x20           .service(web::scope(\"api/v1/suggest\").configure(endpoints::configure))\n\
                 \x20           .service(root_info)\n\
                 \x20   })\n\
                 \x20   .bind((\"0.0.0.0\", 8080))?;\n\
                 \x20   Ok(server.run())\n\
                 }\n",
            ),
            (
                "web/src/endpoints.rs",
                &format!(
                    "use actix_web::{{web, HttpRequest, HttpResponse}};\n\
                     pub fn configure(config: &mut web::ServiceConfig) {{\n\
                     \x20   config.service(web::resource(\"\").route(web::get().to(suggest)));\n\
                     }}\n\
                     async fn suggest(req: HttpRequest) -> HttpResponse {{\n{check}\x20   HttpResponse::Ok().finish()\n}}\n"
                ),
            ),
        ])
    };
    let open = project("");
    let v = check_json(open.path(), &["--select", "permissive-cors"]);
    assert!(diags(&v).is_empty(), "{v:#}");
    let session = project(
        "    if req.cookie(\"session\").is_none() { return HttpResponse::Unauthorized().finish(); }\n",
    );
    let v = check_json(session.path(), &["--select", "permissive-cors"]);
    assert_eq!(
        rule_and(&v, "severity"),
        [("permissive-cors", "error")],
        "{v:#}"
    );
}

/// A file no module of its crate declares is not compiled: its routes and findings are not
/// the service's. Modules declared inline (`mod api { pub mod admin; }`) and by
/// `#[path = ".."]` are.
#[test]
fn files_outside_the_module_tree_are_not_read() {
    let dir = rust_project(concat!(
        "use axum::{routing::get, Router};\n",
        "mod api { pub mod admin; }\n",
        "#[path = \"unit/ping.rs\"]\nmod ping;\n",
        "mod cache;\n",
        "fn app() -> Router {\n",
        "    Router::new()\n",
        "        .route(\"/stats\", get(api::admin::stats))\n",
        "        .route(\"/ping\", get(ping::ping))\n",
        "}\n",
    ));
    let d = dir.path();
    std::fs::write(
        d.join("Cargo.toml"),
        "[package]\nname = \"svc\"\nversion = \"0.1.0\"\nedition = \"2021\"\n",
    )
    .unwrap();
    for (path, text) in [
        ("src/api/admin.rs", "pub async fn stats() {}\n"),
        ("src/unit/ping.rs", "pub async fn ping() {}\n"),
        ("src/cache.rs", "pub struct Cache;\n"),
        // Left behind by a refactoring: `main.rs` declares no `old_api`.
        (
            "src/old_api.rs",
            "use axum::{routing::get, Router};\nasync fn legacy() {}\npub fn router() -> Router { Router::new().route(\"/legacy\", get(legacy)) }\n",
        ),
    ] {
        std::fs::create_dir_all(d.join(path).parent().unwrap()).unwrap();
        std::fs::write(d.join(path), text).unwrap();
    }
    let o = run_in(d, &["routes", "--format", "json"]);
    let v = json(&o);
    let paths: Vec<&str> = v["routes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["/ping", "/stats"], "{v:#}");
}

/// A description kept in one service's folder that documents the whole platform: an
/// operation another service of the tree serves is implemented, whatever the pairing; one no
/// service serves is reported.
#[test]
fn an_operation_another_service_serves_is_not_unimplemented() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("Cargo.toml"),
        "[workspace]\nmembers = [\"console\", \"registry\"]\n",
    )
    .unwrap();
    for (name, route, handler) in [
        ("console", "/api/console/info", "info"),
        ("registry", "/api/registry/apps", "apps"),
    ] {
        std::fs::create_dir_all(d.join(name).join("src")).unwrap();
        std::fs::write(
            d.join(name).join("Cargo.toml"),
            format!("[package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[dependencies]\naxum = \"0.8\"\n"),
        )
        .unwrap();
        std::fs::write(
            d.join(name).join("src/main.rs"),
            format!(
                "use axum::{{Router, routing::get}};\nasync fn {handler}() -> &'static str {{ \"[]\" }}\n#[tokio::main]\nasync fn main() {{\n    let app = Router::new().route(\"{route}\", get({handler}));\n    let l = tokio::net::TcpListener::bind(\"0.0.0.0:8080\").await.unwrap();\n    axum::serve(l, app).await.unwrap();\n}}\n"
            ),
        )
        .unwrap();
    }
    std::fs::create_dir_all(d.join("console/api")).unwrap();
    std::fs::write(
        d.join("console/api/openapi.yaml"),
        "openapi: 3.0.3\ninfo: {title: Platform, version: '1'}\npaths:\n  /api/console/info:\n    get:\n      responses:\n        '200': {description: ok}\n  /api/registry/apps:\n    get:\n      responses:\n        '200': {description: ok}\n  /api/registry/apps/{app}:\n    patch:\n      parameters:\n        - {name: app, in: path, required: true, schema: {type: string, maxLength: 40}}\n      responses:\n        '200': {description: ok}\n",
    )
    .unwrap();
    let v = selected(d, "unimplemented-endpoint");
    let found: Vec<(&str, &str)> = diags(&v)
        .iter()
        .map(|x| (x["message"].as_str().unwrap(), x["file"].as_str().unwrap()))
        .collect();
    assert_eq!(
        found,
        [(
            "`PATCH /api/registry/apps/{app}` is documented but no route of the paired Rust service serves it",
            "console/api/openapi.yaml"
        )],
        "{v:#}"
    );
}

/// One program running two servers (the public API, an internal one on another port, each
/// built by a function of its own): the internal server's routes are not the description's
/// to document.
#[test]
fn an_internal_server_beside_the_documented_one_is_not_undocumented() {
    let main_rs = "use axum::{routing::{get, post}, Router};\n\
         async fn list() -> &'static str { \"[]\" }\n\
         async fn create() -> &'static str { \"ok\" }\n\
         async fn archive() -> &'static str { \"ok\" }\n\
         async fn artifact() -> &'static str { \"\" }\n\
         async fn upload() -> &'static str { \"\" }\n\
         async fn public_api() {\n\
         \x20   let app = Router::new()\n\
         \x20       .route(\"/items\", get(list).post(create))\n\
         \x20       .route(\"/items/archive\", post(archive));\n\
         \x20   let l = tokio::net::TcpListener::bind(\"0.0.0.0:8080\").await.unwrap();\n\
         \x20   axum::serve(l, app).await.unwrap();\n\
         }\n\
         async fn internal_api() {\n\
         \x20   let app = Router::new().route(\"/artifacts/{id}\", get(artifact).post(upload));\n\
         \x20   let l = tokio::net::TcpListener::bind(\"127.0.0.1:9090\").await.unwrap();\n\
         \x20   axum::serve(l, app).await.unwrap();\n\
         }\n\
         #[tokio::main]\n\
         async fn main() { tokio::join!(public_api(), internal_api()); }\n";
    let spec = "openapi: 3.0.3\ninfo: { title: Items, version: \"1\" }\n\
         servers:\n  - url: https://api.example.com\nsecurity: []\n\
         paths:\n  /items:\n    get:\n      responses:\n        \"200\": { description: ok }\n\
         \x20   post:\n      responses:\n        \"200\": { description: ok }\n";
    let dir = service_project(main_rs, spec);
    let v = check_json(dir.path(), &[]);
    let undocumented = the_message(&v, "undocumented-endpoint");
    assert!(undocumented.starts_with("`POST /items/archive`"), "{v:#}");
}

/// A route only a feature the crate does not build by default registers is not in the
/// default build the description documents; one of a default feature is.
#[test]
fn routes_of_a_feature_off_by_default_are_not_undocumented() {
    let main_rs = "use axum::{routing::{get, post}, Router};\n\
         async fn list() -> &'static str { \"[]\" }\n\
         async fn dump() -> &'static str { \"\" }\n\
         async fn export() -> &'static str { \"\" }\n\
         fn app() -> Router {\n\
         \x20   let app = Router::new().route(\"/items\", get(list));\n\
         \x20   #[cfg(feature = \"profiling\")]\n\
         \x20   let app = app.route(\"/items/heap-dump\", post(dump));\n\
         \x20   #[cfg(feature = \"exports\")]\n\
         \x20   let app = app.route(\"/items/export\", post(export));\n\
         \x20   app\n\
         }\n";
    let spec = "openapi: 3.0.3\ninfo: { title: Items, version: \"1\" }\n\
         servers:\n  - url: https://api.example.com\nsecurity: []\n\
         paths:\n  /items:\n    get:\n      responses:\n        \"200\": { description: ok }\n";
    let dir = service_project(main_rs, spec);
    std::fs::write(
        dir.path().join("Cargo.toml"),
        "[package]\nname = \"svc\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n\
         [features]\ndefault = [\"full\"]\nfull = [\"exports\"]\nexports = []\nprofiling = [\"dep:pprof\"]\n",
    )
    .unwrap();
    let v = check_json(dir.path(), &[]);
    let undocumented = the_message(&v, "undocumented-endpoint");
    assert!(undocumented.starts_with("`POST /items/export`"), "{v:#}");
}

/// A route the code's own description documents (a code-first generator's attribute on its
/// handler) is not undocumented because a checked-in file beside it lacks it (a subset made
/// for an SDK, another of the service's APIs); one the generator leaves out, or puts at
/// another method, is.
#[test]
fn routes_a_description_the_code_builds_documents_are_not_undocumented() {
    let main_rs = "use actix_web::{get, post, put, web, App, HttpServer};\n\
         use paperclip::actix::{api_v2_operation, OpenApiExt};\n\
         #[derive(utoipa::OpenApi)]\n\
         #[openapi(paths(list, teams::rename, login))]\n\
         struct ApiDoc;\n\
         #[utoipa::path(get, path = \"/items\")]\n\
         #[get(\"/items\")]\n\
         async fn list() -> &'static str { \"[]\" }\n\
         mod teams {\n\
         \x20   #[utoipa::path(put, path = \"/teams/{team_id}\")]\n\
         \x20   #[actix_web::put(\"/teams/{id}\")]\n\
         \x20   pub async fn rename() -> &'static str { \"ok\" }\n\
         }\n\
         #[utoipa::path(post, path = \"/archive\")]\n\
         #[post(\"/archive\")]\n\
         async fn archive() -> &'static str { \"ok\" }\n\
         #[utoipa::path(get, path = \"/login\")]\n\
         #[post(\"/login\")]\n\
         async fn login() -> &'static str { \"ok\" }\n\
         #[api_v2_operation]\n\
         async fn invite() -> &'static str { \"ok\" }\n\
         #[api_v2_operation(skip)]\n\
         async fn heap_dump() -> &'static str { \"\" }\n\
         #[actix_web::main]\n\
         async fn main() -> std::io::Result<()> {\n\
         \x20   HttpServer::new(|| App::new().wrap_api()\n\
         \x20       .service(list).service(teams::rename).service(archive).service(login)\n\
         \x20       .route(\"/invite\", web::post().to(invite))\n\
         \x20       .route(\"/heap-dump\", web::post().to(heap_dump))\n\
         \x20       .build())\n\
         \x20   .bind((\"0.0.0.0\", 8080))?.run().await\n\
         }\n";
    let spec = "openapi: 3.0.3\ninfo: { title: Items, version: \"1\" }\n\
         servers:\n  - url: https://api.example.com\nsecurity: []\n\
         paths:\n  /items:\n    get:\n      responses:\n        \"200\": { description: ok }\n";
    let dir = service_project(main_rs, spec);
    let v = check_json(dir.path(), &[]);
    let mut undocumented = messages_of(&v, "undocumented-endpoint");
    undocumented.sort_unstable();
    // Not listed in `paths(..)`; documented at another method; left out with `skip`.
    assert_eq!(undocumented.len(), 3, "{v:#}");
    assert!(undocumented[0].starts_with("`POST /archive`"), "{v:#}");
    assert!(undocumented[1].starts_with("`POST /heap-dump`"), "{v:#}");
    assert!(undocumented[2].starts_with("`POST /login`"), "{v:#}");
}

/// Another method or path one handler serves beside a documented operation, with the same
/// auth (`#[put]` beside the documented `#[patch]`), is that operation, not an undocumented
/// endpoint; a method of its own handler is.
#[test]
fn another_method_of_a_documented_handler_is_not_undocumented() {
    let main_rs = "use actix_web::{delete, get, patch, put, post, App, HttpServer};\n\
         #[put(\"/items/{id}\")]\n\
         #[patch(\"/items/{id}\")]\n\
         async fn update() -> &'static str { \"ok\" }\n\
         #[get(\"/items/list\")]\n\
         #[get(\"/items\")]\n\
         async fn list() -> &'static str { \"[]\" }\n\
         #[post(\"/items/{id}\")]\n\
         async fn replace() -> &'static str { \"ok\" }\n\
         #[get(\"/teams\")]\n\
         #[get(\"/orders\")]\n\
         #[delete(\"/orders\")]\n\
         async fn orders() -> &'static str { \"[]\" }\n\
         #[actix_web::main]\n\
         async fn main() -> std::io::Result<()> {\n\
         \x20   HttpServer::new(|| App::new().service(update).service(list).service(replace).service(orders))\n\
         \x20   .bind((\"0.0.0.0\", 8080))?.run().await\n\
         }\n";
    let spec = "openapi: 3.0.3\ninfo: { title: Items, version: \"1\" }\n\
         servers:\n  - url: https://api.example.com\nsecurity: []\n\
         paths:\n  /items:\n    get:\n      responses:\n        \"200\": { description: ok }\n\
         \x20 /items/{id}:\n    parameters:\n      - { name: id, in: path, required: true, schema: { type: string } }\n\
         \x20   patch:\n      responses:\n        \"200\": { description: ok }\n\
         \x20 /orders:\n    get:\n      responses:\n        \"200\": { description: ok }\n";
    let dir = service_project(main_rs, spec);
    let v = check_json(dir.path(), &[]);
    let mut undocumented = messages_of(&v, "undocumented-endpoint");
    undocumented.sort_unstable();
    // A method of its own; a change of state beside a read; another resource.
    assert_eq!(undocumented.len(), 3, "{v:#}");
    assert!(undocumented[0].starts_with("`DELETE /orders`"), "{v:#}");
    assert!(undocumented[1].starts_with("`GET /teams`"), "{v:#}");
    assert!(undocumented[2].starts_with("`POST /items/{id}`"), "{v:#}");
}

/// A crate that defines routes with a web framework apiward does not read (dropshot) says so: one
/// unresolved registration at the dependency in its manifest, one info finding, and no
/// operation of its description reported as unimplemented. A crate that only uses a type
/// of such a framework (`warp::log`), or only serves a router it is handed (an adapter),
/// defines no route with it and is not named.
#[test]
fn a_crate_defining_routes_with_a_framework_apiward_does_not_read_says_so() {
    let dir = service_project(
        "use dropshot::{ApiDescription, HttpResponseOk, RequestContext, endpoint};\n\
         #[endpoint { method = GET, path = \"/items\" }]\n\
         async fn list(_rq: RequestContext<()>) -> Result<HttpResponseOk<()>, dropshot::HttpError> { todo!() }\n\
         fn api() -> ApiDescription<()> { let mut api = ApiDescription::new(); api.register(list).unwrap(); api }\n\
         async fn version() -> &'static str { \"1\" }\n\
         fn probes() -> axum::Router { axum::Router::new().route(\"/version\", axum::routing::get(version)) }\n",
        "openapi: 3.0.3\ninfo: { title: Items, version: \"1\" }\n\
         servers:\n  - url: https://api.example.com\nsecurity: []\n\
         paths:\n  /items:\n    get:\n      responses:\n        \"200\": { description: ok }\n",
    );
    std::fs::write(
        dir.path().join("Cargo.toml"),
        "[package]\nname = \"items-api\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n\
         [dependencies]\nserde = \"1\"\ndropshot = { version = \"0.12\" }\n",
    )
    .unwrap();
    let logger = dir.path().join("logger");
    std::fs::create_dir_all(logger.join("src")).unwrap();
    std::fs::write(
        logger.join("Cargo.toml"),
        "[package]\nname = \"logger\"\nversion = \"0.1.0\"\n\n[dependencies]\nwarp = \"0.3\"\n",
    )
    .unwrap();
    std::fs::write(
        logger.join("src/lib.rs"),
        "pub fn access_log() -> warp::log::Log<fn(warp::log::Info<'_>)> { todo!() }\n\
         pub async fn serve<F: warp::Filter + Clone + Send + Sync + 'static>(routes: F) { warp::serve(routes).run(([0, 0, 0, 0], 8000)).await }\n",
    )
    .unwrap();
    // A crate of API types for poem-openapi (`#[oai(rename = ..)]` on fields) defines no
    // route either.
    let types = dir.path().join("types");
    std::fs::create_dir_all(types.join("src")).unwrap();
    std::fs::write(
        types.join("Cargo.toml"),
        "[package]\nname = \"types\"\nversion = \"0.1.0\"\n\n[dependencies]\npoem-openapi = \"5\"\n",
    )
    .unwrap();
    std::fs::write(
        types.join("src/lib.rs"),
        "#[derive(poem_openapi::Object)]\npub struct Bucket {\n    #[oai(rename = \"bucketName\")]\n    pub name: String,\n}\n",
    )
    .unwrap();
    let routes = json(&run_in(
        dir.path(),
        &["routes", "--no-config", "--format", "json"],
    ));
    let unresolved = routes["unresolved"].as_array().unwrap();
    assert_eq!(unresolved.len(), 1, "{routes:#}");
    assert_eq!(unresolved[0]["location"]["file"], "Cargo.toml");
    assert_eq!(unresolved[0]["location"]["range"]["start"]["line"], 8);
    assert_eq!(unresolved[0]["framework"], "dropshot");
    let v = check_json(dir.path(), &[]);
    assert_eq!(
        messages_of(&v, "incomplete-route-inventory"),
        ["`items_api` defines routes with dropshot, a web framework apiward does not read: its routes are not listed nor compared with a description"],
        "{v:#}"
    );
    assert!(
        messages_of(&v, "unimplemented-endpoint").is_empty(),
        "{v:#}"
    );
}

/// A server on hyper alone whose requests are routed by hand (`service_fn(..)` and a `match`
/// on `req.uri().path()` in one file) says so, at its hyper dependency; a proxy handing every
/// request on, a mock server of tests, an example of a library, and a crate that also
/// depends on a framework apiward reads are not named.
#[test]
fn a_server_routed_by_hand_on_hyper_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let krate = |name: &str, deps: &str, file: &str, body: &str| {
        let root = dir.path().join(name);
        let path = root.join("src").join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(
            root.join("Cargo.toml"),
            format!("[package]\nname = \"{name}\"\nversion = \"0.1.0\"\n\n[dependencies]\n{deps}"),
        )
        .unwrap();
        std::fs::write(path, body).unwrap();
    };
    let routed = "use hyper::{service::service_fn, Request, Response};\n\
         async fn serve(req: Request<hyper::body::Incoming>) -> Result<Response<String>, std::io::Error> {\n\
             let body = match req.uri().path() {\n\
                 \"/status\" => \"up\",\n\
                 \"/jobs\" => \"[]\",\n\
                 _ => \"not found\",\n\
             };\n\
             Ok(Response::new(body.to_string()))\n\
         }\n\
         pub fn service() { let _ = service_fn(serve); }\n";
    krate("board", "hyper = \"1\"\ntokio = \"1\"\n", "main.rs", routed);
    krate(
        "relay",
        "hyper = \"1\"\n",
        "lib.rs",
        "use hyper::service::service_fn;\n\
         pub fn proxy() { let _ = service_fn(|req: hyper::Request<()>| async move { forward(req).await }); }\n\
         async fn forward(_r: hyper::Request<()>) -> Result<hyper::Response<()>, std::io::Error> { todo!() }\n",
    );
    krate("fixtures", "hyper = \"1\"\n", "mock_server.rs", routed);
    krate("mixed", "hyper = \"1\"\naxum = \"0.8\"\n", "lib.rs", routed);
    // A library on hyper whose example routes by hand.
    krate(
        "hyperkit",
        "hyper = \"1\"\n",
        "lib.rs",
        "pub fn version() -> u32 { 1 }\n",
    );
    std::fs::create_dir_all(dir.path().join("hyperkit/examples")).unwrap();
    std::fs::write(dir.path().join("hyperkit/examples/serve.rs"), routed).unwrap();
    let routes = json(&run_in(
        dir.path(),
        &["routes", "--no-config", "--format", "json"],
    ));
    let unresolved = routes["unresolved"].as_array().unwrap();
    assert_eq!(unresolved.len(), 1, "{routes:#}");
    assert_eq!(unresolved[0]["location"]["file"], "board/Cargo.toml");
    assert_eq!(unresolved[0]["location"]["range"]["start"]["line"], 6);
    assert_eq!(unresolved[0]["framework"], "hyper (routing by hand)");
}
