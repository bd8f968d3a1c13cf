#!/usr/bin/env bash
# Benchmarks apiward against its parse-only floors (and, with SPECTRAL=1, against Spectral
# with the OWASP ruleset) on the public corpus. Needs hyperfine (Debian: apt-get install
# hyperfine) and GNU time. Quote ratios from one run: these machines are noisy.
#
#   scripts/bench.sh [CORPUS_DIR]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
corpus="${1:-$root/../shared/corpus}"
cd "$root"
cargo build --release --locked -q -p apiward
cargo build --release --locked -q -p apiward_spec --example parse_only
bin=target/release/apiward
floor=target/release/examples/parse_only
out=target/bench; mkdir -p "$out"

echo "== one large spec: openai.yaml (YAML) and box.json (JSON)"
for f in "$corpus/specs/openai.yaml" "$corpus/specs/box.json"; do
  hyperfine -N -i -w 2 -r 15 --export-markdown "$out/$(basename "$f").md" \
    "$floor events $f" \
    "$floor tree $f" \
    "$bin check --no-config --preset all --format json $f"
  for c in "$floor events $f" "$floor tree $f" "$bin check --no-config --preset all --format json $f"; do
    /usr/bin/time -f "peak %M KiB  $c" $c >/dev/null 2>"$out/time.txt" || true
    grep peak "$out/time.txt"
  done
done

echo "== many files: 55 Twilio specs, DigitalOcean (~1,500 files by \$ref), 1 vs 2 threads"
twilio=("$corpus"/twilio/*.yaml)
do_root="$corpus/digitalocean/DigitalOcean-public.v2.yaml"
hyperfine -N -i -w 1 -r 8 --export-markdown "$out/threads.md" \
  -n "twilio 1 thread" "env RAYON_NUM_THREADS=1 $bin check --no-config --preset all --format json ${twilio[*]}" \
  -n "twilio 2 threads" "env RAYON_NUM_THREADS=2 $bin check --no-config --preset all --format json ${twilio[*]}" \
  -n "digitalocean 1 thread" "env RAYON_NUM_THREADS=1 $bin check --no-config --preset all --format json $do_root" \
  -n "digitalocean 2 threads" "env RAYON_NUM_THREADS=2 $bin check --no-config --preset all --format json $do_root"

if [ "${SPECTRAL:-0}" = 1 ]; then
  echo "== Spectral + OWASP ruleset on openai.yaml (slow: minutes)"
  sp="$out/spectral"; mkdir -p "$sp"
  (cd "$sp" && [ -d node_modules/@stoplight/spectral-cli ] || npm install --silent @stoplight/spectral-cli @stoplight/spectral-owasp-ruleset)
  printf 'extends: ["@stoplight/spectral-owasp-ruleset"]\n' > "$sp/.spectral.yaml"
  /usr/bin/time -f "spectral: %e s, peak %M KiB" "$sp/node_modules/.bin/spectral" lint -q -r "$sp/.spectral.yaml" -f json "$corpus/specs/openai.yaml" >/dev/null || true
  /usr/bin/time -f "apiward:  %e s, peak %M KiB" "$bin" check --no-config --preset all --format json "$corpus/specs/openai.yaml" >/dev/null || true
fi
echo "results in $out/*.md"
