#!/usr/bin/env bash
# The "hostile" section of BENCHMARKS.md: inputs a hostile contributor (or a generator gone
# wrong) could commit, each of a size at which a quadratic path or an unbounded read used to
# show, with apiward's wall time and peak memory.
#
# usage: scripts/hostile.sh [APIWARD]   (default: target/release/apiward)
# Prints a Markdown table. Needs python3 and GNU time (/usr/bin/time).
set -euo pipefail
APIWARD=$(realpath "${1:-target/release/apiward}")
CORPUS=$(realpath "$(dirname "$0")/../../shared/corpus" 2>/dev/null || true)
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT

gen() {
  python3 - "$W" <<'EOF'
import json, os, sys
w = sys.argv[1]
def crate(d, body):
    os.makedirs(f"{w}/{d}/src", exist_ok=True)
    open(f"{w}/{d}/Cargo.toml", "w").write('[package]\nname = "h"\nversion = "0.1.0"\n')
    open(f"{w}/{d}/src/main.rs", "w").write(body)
# 20,000 rebindings of one router (`let r = r.route(..)`).
lines = ["use axum::{routing::get, Router};", "async fn h() -> &'static str { \"\" }",
         "fn app() -> Router {", "    let r = Router::new();"]
lines += [f'    let r = r.route("/p{i}", get(h));' for i in range(20000)]
crate("rebind", "\n".join(lines + ["    r", "}"]) + "\n")
# A chain of 2,000 `.route(..)` calls on one expression.
chain = "".join(f'\n        .route("/c{i}", get(h))' for i in range(2000))
crate("chain", "use axum::{routing::get, Router};\nasync fn h() -> &'static str { \"\" }\n"
      f"fn app() -> Router {{\n    Router::new(){chain}\n}}\n")
# YAML: 25 merges (`<<: *a`) of a 60,000-key mapping.
os.makedirs(f"{w}/merge", exist_ok=True)
with open(f"{w}/merge/openapi.yaml", "w") as f:
    f.write('openapi: 3.0.3\ninfo: {title: t, version: "1"}\npaths: {}\nx-base: &a\n')
    for i in range(60000):
        f.write(f"  k{i}: {i}\n")
    f.write("components:\n  schemas:\n")
    for j in range(25):
        f.write(f"    S{j}:\n      <<: *a\n      type: object\n")
# 100,000 schemas, each referenced by an operation's body.
os.makedirs(f"{w}/refs", exist_ok=True)
doc = {"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {},
       "components": {"schemas": {f"S{i}": {"type": "object", "properties": {"n": {"$ref": f"#/components/schemas/S{(i + 1) % 100000}"}}} for i in range(100000)}}}
for i in range(0, 100000, 10):
    doc["paths"][f"/p{i}"] = {"post": {"requestBody": {"content": {"application/json": {"schema": {"$ref": f"#/components/schemas/S{i}"}}}}, "responses": {"200": {"description": "ok"}}}}
json.dump(doc, open(f"{w}/refs/openapi.json", "w"))
# A minified one-line description past column 65,535, with findings along the line.
one = {"openapi": "3.0.3", "info": {"title": "t", "version": "1"},
       "servers": [{"url": "http://api.example.com"}],
       "paths": {f"/items{i}": {"post": {"parameters": [{"name": "q", "in": "query", "schema": {"type": "string"}}], "responses": {"200": {"description": "ok"}}}} for i in range(3000)}}
os.makedirs(f"{w}/oneline", exist_ok=True)
json.dump(one, open(f"{w}/oneline/openapi.json", "w"), separators=(",", ":"))
EOF
}

measure() { # name, format, path...
  local name=$1 fmt=$2; shift 2
  local out
  /usr/bin/time -o "$W/time" -f "%e %M" "$APIWARD" check --no-config --format "$fmt" "$@" >/dev/null 2>&1 || true
  out=$(tail -1 "$W/time")
  local secs kb
  secs=$(echo "$out" | awk '{print $1}')
  kb=$(echo "$out" | awk '{print $2}')
  printf '| %s | %s | %s s | %s MiB |\n' "$name" "$fmt" "$secs" "$((kb / 1024))"
}

gen
echo "| input | format | wall | peak RSS |"
echo "|---|---|---:|---:|"
measure "20,000 \`let r = r.route(..)\` rebindings" json "$W/rebind"
measure "chain of 2,000 \`.route(..)\` calls" json "$W/chain"
measure "25 YAML merges of a 60,000-key mapping" json "$W/merge/openapi.yaml"
measure "100,000 schemas linked by \`\$ref\`" json "$W/refs/openapi.json"
measure "one-line JSON, 3,000 operations" human "$W/oneline/openapi.json"
if [ -f "$CORPUS/specs/openai.yaml" ]; then
  measure "openai.yaml (3 MB)" human "$CORPUS/specs/openai.yaml"
  measure "openai.yaml (3 MB)" json "$CORPUS/specs/openai.yaml"
fi
