//! Helpers the binary's test files share: run `apiward` in a directory, read its output.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::Duration;

use assert_cmd::Command;
use serde_json::Value;

pub fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

/// Runs `apiward` in `dir` with no config lookup surprises.
pub fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::cargo_bin("apiward")
        .unwrap()
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(args)
        .timeout(Duration::from_secs(120))
        .output()
        .unwrap()
}

/// [`run_in`] with `input` on standard input.
pub fn run_stdin(dir: &Path, args: &[&str], input: impl Into<Vec<u8>>) -> Output {
    Command::cargo_bin("apiward")
        .unwrap()
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(args)
        .write_stdin(input.into())
        .timeout(Duration::from_secs(120))
        .output()
        .unwrap()
}

pub fn run(args: &[&str]) -> Output {
    run_in(&project_root(), args)
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

pub fn json(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("invalid JSON ({e}): {}", stdout(o)))
}

/// A small description with findings: plain HTTP, an operation without security.
pub const SPEC: &str = "openapi: 3.0.3
info: { title: Shop, version: \"1\" }
servers:
  - url: http://api.example.com
paths:
  /orders:
    post:
      responses:
        \"200\": { description: ok }
";

/// A repository (`.git`) holding `api/v1/openapi.yaml`.
pub fn repository() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    std::fs::create_dir_all(root.join(".git")).unwrap();
    std::fs::create_dir_all(root.join("api/v1")).unwrap();
    std::fs::write(root.join("api/v1/openapi.yaml"), SPEC).unwrap();
    (dir, root)
}
