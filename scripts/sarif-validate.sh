#!/usr/bin/env bash
# Validates apiward's SARIF with Microsoft's SARIF multitool, its SARIF and GitHub rules both:
# the report crate's sample logs (as paths are given, and anchored at the repository root
# with %SRCROOT%), and the binary's report on the bundled examples. Fails on any error or
# warning but SARIF2005 (no `informationUri`: apiward has no public home yet).
#
#   scripts/sarif-validate.sh
#
# SARIF_MULTITOOL: the multitool executable to use; by default it is installed with npm into
# target/sarif-multitool (`npm install @microsoft/sarif-multitool`) on first use, and its
# native program is run directly (the npm wrapper hands its arguments to a shell, which
# splits `Sarif;Gh`).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
if [ -z "${SARIF_MULTITOOL:-}" ]; then
  dir="$root/target/sarif-multitool"
  if [ ! -x "$dir/node_modules/.bin/sarif-multitool" ]; then
    echo "installing @microsoft/sarif-multitool into $dir (npm)" >&2
    mkdir -p "$dir"
    npm install --prefix "$dir" --silent --no-audit --no-fund @microsoft/sarif-multitool >&2
  fi
  SARIF_MULTITOOL="$(node -e 'console.log(require(process.argv[1]))' "$dir/node_modules/@microsoft/sarif-multitool")"
fi
export SARIF_MULTITOOL

echo "== the report crate's sample logs" >&2
cargo test -q -p apiward_report --test render sarif_validates

echo "== apiward check -f sarif on testdata (run from a subdirectory: paths from the root)" >&2
cargo build -q -p apiward
out="$root/target/sarif-validate"; mkdir -p "$out"
(cd testdata && "$root/target/debug/apiward" check --no-config --preset all --statistics \
  -f sarif -o "$out/testdata.sarif" . || [ $? -le 2 ])  # findings and broken fixtures: 1 or 2
"$SARIF_MULTITOOL" validate "$out/testdata.sarif" --rule-kind "Sarif;Gh" \
  --output "$out/testdata.validation.sarif" --log ForceOverwrite >/dev/null
node -e '
const log = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
const bad = (log.runs[0].results || []).filter(r =>
  (!r.level || r.level === "error" || r.level === "warning") && r.ruleId !== "SARIF2005");
for (const r of bad) console.error(r.ruleId, r.level, JSON.stringify(r.message));
if (bad.length) process.exit(1);
console.error("valid: no error, no warning but SARIF2005");
' "$out/testdata.validation.sarif"
