#!/usr/bin/env bash
# The "hostile" section of BENCHMARKS.md: inputs a hostile contributor (or a generator gone
# wrong) could commit, each of a size at which a quadratic path or an unbounded read used to
# show, with apiward's wall time and peak memory.
#
# usage: scripts/hostile.sh [APIWARD] [SCALE]   (default: target/release/apiward, 1)
# Prints a Markdown table. Needs python3 and GNU time (/usr/bin/time). SCALE multiplies the
# sizes of the memory cases (the rows from the path names to the Rust file; 1 = the sizes of
# issue 17, which peak near 1 GB each and the Rust cases near 1–1.4 GB since session 12, near
# 3 GB before: use 0.1 on a small machine, the figures grow linearly). Each run is capped at
# 8 GB of address space (prlimit), so that a regression fails instead of taking the machine.
set -euo pipefail
APIWARD=$(realpath "${1:-target/release/apiward}")
SCALE=${2:-1}
CORPUS=$(realpath "$(dirname "$0")/../../shared/corpus" 2>/dev/null || true)
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT

gen() {
  python3 - "$W" "$SCALE" <<'EOF'
import json, os, sys
w = sys.argv[1]
scale = float(sys.argv[2])
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
# Memory (issue 17): 10 path names of 3 MB each (a 30 MB description), each operation with
# findings that quote the path.
os.makedirs(f"{w}/longpath", exist_ok=True)
n = int(3_000_000 * scale)
paths = {f"/{i}" + "a" * n: {"post": {"parameters": [{"name": "q", "in": "query", "schema": {"type": "string"}}], "requestBody": {"content": {"application/json": {"schema": {"type": "object", "properties": {"s": {"type": "string"}, "id": {"type": "integer"}}}}}}, "responses": {"200": {"description": "ok"}}}} for i in range(10)}
json.dump({"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "servers": [{"url": "http://x.example.com"}], "paths": paths}, open(f"{w}/longpath/openapi.json", "w"))
# 520,000 trivial operations (32 MB of YAML), each a missing-auth finding (a scheme is
# declared and no operation requires it: a description silent on auth would be one finding).
# Its title is not ASCII, so that SARIF counts characters.
with open(f"{w}/ops.yaml", "w") as f:
    f.write("openapi: 3.0.3\ninfo: {title: té, version: '1'}\n"
            "components: {securitySchemes: {k: {type: http, scheme: bearer}}}\npaths:\n")
    for i in range(int(520_000 * scale)):
        f.write(f"  /p{i}:\n    get: {{responses: {{'200': {{description: ok}}}}}}\n")
# 200,000 actix handlers, each registered by its own `cfg.service(hN);` (25 MB of Rust).
crate("actix", "use actix_web::{post, web, App, HttpResponse};\n"
      + "".join(f'#[post("/p{i}/{{id}}")]\nasync fn h{i}(p: web::Path<String>) -> HttpResponse {{ HttpResponse::Ok().finish() }}\n' for i in range(int(200_000 * scale)))
      + "fn config(cfg: &mut web::ServiceConfig) {\n"
      + "".join(f"    cfg.service(h{i});\n" for i in range(int(200_000 * scale)))
      + "}\nfn main() { App::new().configure(config); }\n")
# One 30 MB Rust file of axum handlers (issue 17 named 50 MB; files over the 32 MiB
# `max-file-size` are refused unread since then, so the largest file read is measured).
crate("bigrs", "use axum::{extract::Query, Router};\n"
      + "".join(f'async fn h{i}(Query(q): Query<String>) -> String {{ let v = format!("select {{}}", q); v }}\n' for i in range(int(30_000_000 * scale / 90)))
      + "fn app() -> Router { Router::new() }\n")
EOF
}

measure() { # name, format, path...
  local name=$1 fmt=$2; shift 2
  local out
  /usr/bin/time -o "$W/time" -f "%e %M" prlimit --as=8000000000 "$APIWARD" check --no-config --format "$fmt" "$@" >/dev/null 2>&1 || true
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
measure "10 path names of $(python3 -c "print(round(3 * $SCALE, 2))") MB, \`--preset all\`" json --preset all "$W/longpath"
measure "10 path names of $(python3 -c "print(round(3 * $SCALE, 2))") MB, \`--preset all\`" sarif --preset all "$W/longpath"
measure "$(python3 -c "print(f'{int(520000 * $SCALE):,}')") trivial operations" json "$W/ops.yaml"
measure "$(python3 -c "print(f'{int(520000 * $SCALE):,}')") trivial operations" human "$W/ops.yaml"
measure "$(python3 -c "print(f'{int(520000 * $SCALE):,}')") trivial operations" sarif "$W/ops.yaml"
measure "$(python3 -c "print(f'{int(200000 * $SCALE):,}')") actix handlers, \`cfg.service(h);\` each" json "$W/actix"
measure "one Rust file of $(python3 -c "print(round(30 * $SCALE, 1))") MB" json "$W/bigrs"
if [ -f "$CORPUS/specs/openai.yaml" ]; then
  measure "openai.yaml (3 MB)" human "$CORPUS/specs/openai.yaml"
  measure "openai.yaml (3 MB)" json "$CORPUS/specs/openai.yaml"
fi
