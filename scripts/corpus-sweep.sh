#!/usr/bin/env bash
# Lints every document of the shared corpus with the release binary and checks that each
# run ends cleanly: exit 0 or 1 (never 2, never a crash), valid JSON on stdout, no panic.
# Usage: scripts/corpus-sweep.sh [CORPUS_DIR]   (default: ../shared/corpus)
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
corpus="${1:-$root/../shared/corpus}"
bin="$root/target/release/apiward"
[ -x "$bin" ] || cargo build --release --locked -q -p apiward --manifest-path "$root/Cargo.toml"
[ -d "$corpus" ] || { echo "corpus-sweep: no corpus at $corpus" >&2; exit 1; }

docs=()
while IFS= read -r f; do docs+=("$f"); done < <(
  { ls "$corpus"/specs/*.yaml "$corpus"/specs/*.json "$corpus"/twilio/*.yaml 2>/dev/null
    ls "$corpus"/digitalocean/DigitalOcean-public.v2.yaml 2>/dev/null; } | sort)
[ "${#docs[@]}" -gt 0 ] || { echo "corpus-sweep: no documents found under $corpus" >&2; exit 1; }

tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
passed=0; failed=0; findings=0
for doc in "${docs[@]}"; do
  "$bin" check --preset all --format json "$doc" >"$tmp/out.json" 2>"$tmp/err.txt"
  code=$?
  problem=""
  if [ "$code" -ne 0 ] && [ "$code" -ne 1 ]; then problem="exit code $code"; fi
  if grep -q "panicked" "$tmp/err.txt"; then problem="$problem panic"; fi
  if ! n=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["version"]==1; print(len(d["diagnostics"]))' "$tmp/out.json" 2>/dev/null); then
    problem="$problem invalid-json"; n=0
  fi
  if [ -n "$problem" ]; then
    failed=$((failed+1)); echo "FAIL ${doc#$corpus/}: $problem"; head -c 2000 "$tmp/err.txt"
  else
    passed=$((passed+1)); findings=$((findings+n)); printf '  ok %-45s exit %d, %5d findings\n' "${doc#$corpus/}" "$code" "$n"
  fi
done
echo "corpus sweep: $findings findings over ${#docs[@]} documents"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
