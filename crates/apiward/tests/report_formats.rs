//! The report formats of `check` through the real binary: concise lines, counts by rule,
//! CI formats (SARIF, GitHub, GitLab, JUnit) naming files from the repository root wherever
//! the tool runs, and the mistakes of a command line or a config said once, all of them.

mod common;
use common::{json, repository, run, run_in, stdout};

#[test]
fn concise_is_one_line_per_finding() {
    let o = run(&["check", "--no-config", "-f", "concise", "testdata/examples"]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    let (findings, summary) = lines.split_at(lines.len() - 1);
    assert_eq!(findings.len(), 5, "{out}");
    for l in findings {
        let (place, rest) = l.split_once(": ").unwrap();
        let parts: Vec<&str> = place.rsplitn(3, ':').collect();
        assert!(
            parts[0].parse::<u32>().is_ok() && parts[1].parse::<u32>().is_ok(),
            "{l}"
        );
        assert!(
            rest.starts_with("error[") || rest.starts_with("warning["),
            "{l}"
        );
    }
    assert!(out.contains(
        "testdata/examples/petclinic/openapi.yaml:89:7: error[missing-auth] `DELETE /pets/{petId}/records` sets `security: []`: anyone can call it\n"
    ), "{out}");
    assert!(summary[0].starts_with("Found 5 problems"));
}

#[test]
fn statistics_count_by_rule_in_every_summary() {
    let o = run(&[
        "check",
        "--no-config",
        "-f",
        "json",
        "--statistics",
        "testdata/examples",
    ]);
    let v = json(&o);
    let by_rule = v["summary"]["by_rule"].as_array().unwrap();
    let total: u64 = by_rule.iter().map(|r| r["count"].as_u64().unwrap()).sum();
    assert_eq!(total, v["summary"]["total"].as_u64().unwrap());
    assert_eq!(by_rule[0]["rule"], "missing-401-response");
    let o = run(&[
        "check",
        "--no-config",
        "-f",
        "concise",
        "--statistics",
        "testdata/examples",
    ]);
    assert!(stdout(&o).contains("    2  missing-auth"), "{}", stdout(&o));
    // The human report always ends with the table.
    let o = run(&["check", "--no-config", "testdata/examples"]);
    let out = stdout(&o);
    let table = out.rsplit("COUNT  RULE").next().unwrap();
    assert!(
        table.contains("missing-auth          API2:2023  error 1, warning 1"),
        "{out}"
    );
}

#[test]
fn ci_formats_name_files_from_the_repository_root() {
    let (_dir, root) = repository();
    let sub = root.join("api");
    let o = run_in(&sub, &["check", "--no-config", "-f", "sarif", "v1"]);
    let v = json(&o);
    let run = &v["runs"][0];
    let base = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
        .as_str()
        .unwrap();
    assert!(
        base.starts_with("file:///") && base.ends_with('/'),
        "{base}"
    );
    let loc = &run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
    assert_eq!(loc["uri"], "api/v1/openapi.yaml");
    assert_eq!(loc["uriBaseId"], "%SRCROOT%");
    let o = run_in(&sub, &["check", "--no-config", "-f", "github", "v1"]);
    assert!(
        stdout(&o).contains("file=api/v1/openapi.yaml,line="),
        "{}",
        stdout(&o)
    );
    let o = run_in(
        &sub,
        &["check", "--no-config", "-f", "gitlab", "v1/openapi.yaml"],
    );
    let v = json(&o);
    let issues = v.as_array().unwrap();
    assert!(!issues.is_empty());
    assert!(issues
        .iter()
        .all(|i| i["location"]["path"] == "api/v1/openapi.yaml"));
    // The human report keeps the path as it was given.
    let o = run_in(&sub, &["check", "--no-config", "-f", "concise", "v1"]);
    assert!(stdout(&o).starts_with("v1/openapi.yaml:"), "{}", stdout(&o));
}

#[test]
fn junit_counts_findings_and_errors() {
    let (_dir, root) = repository();
    std::fs::write(root.join("api/broken.yaml"), "openapi: 3.0.3\npaths: [\n").unwrap();
    let o = run_in(&root, &["check", "--no-config", "-f", "junit", "api"]);
    assert_eq!(o.status.code(), Some(2));
    let xml = stdout(&o);
    let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let suites = doc.root_element();
    assert_eq!(suites.tag_name().name(), "testsuites");
    let cases: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    let failures = doc
        .descendants()
        .filter(|n| n.has_tag_name("failure"))
        .count();
    let errors = doc
        .descendants()
        .filter(|n| n.has_tag_name("error"))
        .count();
    assert_eq!(suites.attribute("tests").unwrap(), cases.len().to_string());
    assert_eq!(suites.attribute("failures").unwrap(), failures.to_string());
    assert_eq!(suites.attribute("errors").unwrap(), "1");
    assert_eq!(errors, 1);
    assert!(failures >= 2);
}

/// `action.yml` is a composite action whose inputs the README documents, which builds the
/// crate that is there, and whose `format` input names the formats `check` has.
#[test]
fn the_github_action_is_consistent() {
    let root = common::project_root();
    let text = std::fs::read_to_string(root.join("action.yml")).unwrap();
    let (_, tree) = apiward_spec::yaml::parse_indexed(&text);
    let tree = tree.expect("action.yml is valid YAML");
    let top = tree.root.unwrap();
    assert_eq!(tree.get_str(top, "name"), Some("apiward"));
    let runs = tree.get(top, "runs").unwrap();
    assert_eq!(tree.get_str(runs, "using"), Some("composite"));
    let steps = tree.as_seq(tree.get(runs, "steps").unwrap()).unwrap();
    assert!(steps
        .iter()
        .all(|s| tree.get_str(*s, "shell") == Some("bash")));
    let scripts: String = steps
        .iter()
        .filter_map(|s| tree.get_str(*s, "run"))
        .collect();
    assert!(scripts.contains("cargo install --locked"));
    assert!(scripts.contains("$GITHUB_ACTION_PATH/crates/apiward"));
    assert!(root.join("crates/apiward/Cargo.toml").is_file());
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let inputs = tree.as_map(tree.get(top, "inputs").unwrap()).unwrap();
    let names: Vec<&str> = inputs.iter().map(|e| e.key.as_str()).collect();
    assert_eq!(names, ["paths", "format", "output", "args"]);
    for n in &names {
        assert!(
            readme.contains(&format!("`{n}`")),
            "README does not document `{n}`"
        );
        // Inputs reach the scripts through the environment, never pasted into them.
        assert!(
            !scripts.contains(&format!("inputs.{n}")),
            "{n} pasted into a script"
        );
    }
    let format_help = tree
        .get_str(
            tree.get(tree.get(top, "inputs").unwrap(), "format")
                .unwrap(),
            "description",
        )
        .unwrap();
    let help = stdout(&run(&["check", "--help"]));
    for f in [
        "human", "concise", "json", "sarif", "github", "gitlab", "junit",
    ] {
        assert!(
            format_help.contains(f) && help.contains(&format!("- {f}:")),
            "{f}"
        );
    }
}
