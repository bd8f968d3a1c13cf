//! Mistakes said once, all of them: unknown selectors and suppression names with a
//! suggestion, every config error in one run, and the commands that explain the rules.

mod common;
use common::{json, repository, run, run_in, stdout, SPEC};

/// The concise report of `check --preset PRESET PATH` run in `dir`.
fn concise(dir: &std::path::Path, preset: &str, path: &str) -> String {
    let args = [
        "check",
        "--no-config",
        "--preset",
        preset,
        "-f",
        "concise",
        path,
    ];
    stdout(&run_in(dir, &args))
}

#[test]
fn unknown_selectors_are_warnings_with_a_suggestion() {
    let o = run(&[
        "check",
        "--no-config",
        "-f",
        "json",
        "--ignore",
        "missing-auht,unbounded-string",
        "testdata/examples",
    ]);
    let v = json(&o);
    let warning = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "usage-error")
        .expect("a usage warning");
    assert_eq!(warning["severity"], "warning");
    assert!(
        warning["message"]
            .as_str()
            .unwrap()
            .contains("`--ignore`: `missing-auht` names no rule, Spectral alias or OWASP category; did you mean `missing-auth`?"),
        "{warning}"
    );
    // The known selector still applies.
    assert!(!v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d["rule"] == "unbounded-string"));
}

#[test]
fn every_config_error_in_one_run() {
    let (_dir, root) = repository();
    std::fs::write(
        root.join("apiward.toml"),
        "preset = \"everything\"\nfail-on = \"sometimes\"\nselecct = [\"API4\"]\nignore = [\"missing-auht\"]\n[severity]\nunbounded-string = \"loud\"\n[rust]\ntls = \"maybe\"\n",
    )
    .unwrap();
    let o = run_in(&root, &["check", "-f", "concise", "api"]);
    assert_eq!(o.status.code(), Some(2));
    let out = stdout(&o);
    // The unknown key first (the rest is read without it), then every bad value.
    assert!(
        out.contains(
            "apiward.toml:3:1: error[config-error] unknown key `selecct`; did you mean `select`?"
        ),
        "{out}"
    );
    for needle in [
        "apiward.toml:1:",
        "unknown preset `everything`",
        "apiward.toml:2:",
        "`sometimes`",
        "apiward.toml:4:",
        "did you mean `missing-auth`?",
        "apiward.toml:6:",
        "unknown severity `loud`",
        "apiward.toml:8:",
        "unknown `tls` value `maybe`",
    ] {
        assert!(out.contains(needle), "{needle} missing:\n{out}");
    }
    assert_eq!(
        out.lines()
            .filter(|l| l.contains("error[config-error]"))
            .count(),
        6,
        "{out}"
    );
}

#[test]
fn unknown_and_unused_suppressions() {
    let (_dir, root) = repository();
    std::fs::write(
        root.join("api/v1/openapi.yaml"),
        SPEC.replace("    post:\n", "    post: # apiward: ignore[missing-auht]\n")
            .replace("servers:", "# apiward: ignore[http-only-server]\nservers:"),
    )
    .unwrap();
    let out = concise(&root, "recommended", "api");
    assert!(out.contains("warning[suppression-unknown-rule] `missing-auht` in a suppression names no rule; did you mean `missing-auth`?"), "{out}");
    assert!(!out.contains("unused-suppression"), "{out}");
    // The comment above `servers:` is not on the line of the finding nor the one above it.
    let out = concise(&root, "all", "api");
    assert!(
        out.contains(
            "warning[unused-suppression] suppression of `http-only-server` suppresses nothing here"
        ),
        "{out}"
    );
}

#[test]
fn rules_explain_and_help() {
    let o = run(&["rules", "-f", "json"]);
    let v = json(&o);
    assert!(v
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["id"] == "unused-suppression"));
    let o = run(&["explain", "API2"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(out.contains("rules in `API2`"), "{out}");
    for id in ["missing-auth", "auth-mismatch", "basic-auth"] {
        assert!(out.contains(id), "{id}: {out}");
    }
    let o = run(&["explain", "missing-auht"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("did you mean `missing-auth`?"));
    let o = run(&["check", "--help"]);
    let out = stdout(&o);
    assert!(out.contains("Rust"), "{out}");
    for f in ["concise", "gitlab", "junit", "--statistics"] {
        assert!(out.contains(f), "{f}: {out}");
    }
}

#[test]
fn suppressions_in_rust_are_audited_too() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    std::fs::create_dir_all(root.join("src")).unwrap();
    std::fs::write(
        root.join("Cargo.toml"),
        "[package]\nname = \"svc\"\nversion = \"0.1.0\"\nedition = \"2021\"\n",
    )
    .unwrap();
    std::fs::write(
        root.join("src/main.rs"),
        r#"// A test key, public on purpose.
const STRIPE_KEY: &str = "sk_live_51HqLyjWDarjtT1zdp7dcXsQBvkLPnbQ1Fv5w0J3z8Qf4bT1x"; // apiward: ignore[hardcoded-secret]
fn main() {}



fn spare() {}
// apiward: ignore[hardcoded-secrte]
fn other() {}
// apiward: ignore[tls-verification-disabled] -- nothing here
fn third() {}
"#,
    )
    .unwrap();
    let out = concise(&root, "recommended", ".");
    assert!(!out.contains("[hardcoded-secret]"), "{out}");
    assert!(out.contains("src/main.rs:8:20: warning[suppression-unknown-rule] `hardcoded-secrte` in a suppression names no rule; did you mean `hardcoded-secret`?"), "{out}");
    assert!(!out.contains("unused-suppression"), "{out}");
    let out = concise(&root, "all", ".");
    // The key is suppressed where the rule runs (preset `all` since session 32).
    assert!(!out.contains("[hardcoded-secret]"), "{out}");
    let unused: Vec<&str> = out
        .lines()
        .filter(|l| l.contains("[unused-suppression]"))
        .collect();
    assert_eq!(
        unused,
        ["src/main.rs:10:4: warning[unused-suppression] suppression of `tls-verification-disabled` suppresses nothing here"],
        "{out}"
    );
}
