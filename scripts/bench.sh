#!/usr/bin/env bash
# Benchmarks apiward against its parse-only floors (and, with SPECTRAL=1, against Spectral
# with the OWASP ruleset) on the public corpus, and (with a Rust tree) a full check of a large
# Rust workspace against a parse-only `syn` pass (and, with SEMGREP=1, against semgrep on one
# comparable rule). Needs hyperfine (Debian: apt-get install hyperfine), GNU time and awk.
# Quote ratios from one run: these machines are noisy.
#
#   scripts/bench.sh [CORPUS_DIR] [RUST_TREE]
#
# CORPUS_DIR: the spec corpus (default ../shared/corpus); its sections are skipped when it is
# absent. RUST_TREE: a directory holding one checked-out Rust repository per subdirectory
# (BENCHMARKS.md, "Rust workspace", lists the repositories and commits); the Rust section is
# skipped when it is not given or absent. Nothing of either is part of this repository.
#
# Environment: APIWARD / SYN_FLOOR: prebuilt binaries to measure instead of building them;
# RUST_MAIN: the subdirectory of RUST_TREE measured on its own (default: the largest);
# QUIET=1: before each timed run of the Rust section, wait until the machine has been 90%
# idle for 2 s (for machines shared with other people's builds; hyperfine --prepare);
# SEMGREP=1: also run semgrep (installed into target/bench/semgrep-venv with pip if it is
# not on PATH); SPECTRAL=1: also run Spectral (npm).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
corpus="${1:-$root/../shared/corpus}"
rust_tree="${2:-}"
cd "$root"
if [ -z "${APIWARD:-}" ]; then
  cargo build --release --locked -q -p apiward
  bin=target/release/apiward
else
  bin="$APIWARD"
fi
out=target/bench; mkdir -p "$out"

if [ -d "$corpus/specs" ]; then
cargo build --release --locked -q -p apiward_spec --example parse_only
floor=target/release/examples/parse_only

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

echo "== report formats on one large spec: human, concise and json (default preset, issue 16)"
for f in "$corpus/specs/openai.yaml" "$corpus/specs/box.json"; do
  hyperfine -N -i -w 2 -r 10 --export-markdown "$out/formats-$(basename "$f").md" \
    -n human "$bin check --no-config --format human $f" \
    -n concise "$bin check --no-config --format concise $f" \
    -n json "$bin check --no-config --format json $f"
done

echo "== many files: 55 Twilio specs, DigitalOcean (~1,500 files by \$ref), 1 vs 2 threads"
twilio=("$corpus"/twilio/*.yaml)
do_root="$corpus/digitalocean/DigitalOcean-public.v2.yaml"
hyperfine -N -i -w 1 -r 8 --export-markdown "$out/threads.md" \
  -n "twilio 1 thread" "env RAYON_NUM_THREADS=1 $bin check --no-config --preset all --format json ${twilio[*]}" \
  -n "twilio 2 threads" "env RAYON_NUM_THREADS=2 $bin check --no-config --preset all --format json ${twilio[*]}" \
  -n "digitalocean 1 thread" "env RAYON_NUM_THREADS=1 $bin check --no-config --preset all --format json $do_root" \
  -n "digitalocean 2 threads" "env RAYON_NUM_THREADS=2 $bin check --no-config --preset all --format json $do_root"

echo "== growth with the size of one spec: openai.yaml merged 1, 2, 4, 8 times (scripts/spec-series.py)"
if python3 -c "import yaml" 2>/dev/null; then
  python3 scripts/spec-series.py "$corpus/specs/openai.yaml" "$out/series" 1 2 4 8 > "$out/series.txt"
  printf '%7s %8s %10s %11s %7s %13s %12s\n' copies MB "events ms" "apiward ms" ratio "apiward ms/MB" "apiward peak"
  : > "$out/spec-growth.md"
  for n in 1 2 4 8; do
    f="$out/series/spec-x$n.yaml"
    hyperfine -N -i -w 1 -r 8 --export-csv "$out/series.csv" \
      -n events "$floor events $f" -n apiward "$bin check --no-config --preset all --format json -o /dev/null $f" >/dev/null
    ev=$(awk -F, '$1=="events"{print $2}' "$out/series.csv")
    aw=$(awk -F, '$1=="apiward"{print $2}' "$out/series.csv")
    /usr/bin/time -f "%M" "$bin" check --no-config --preset all --format json -o /dev/null "$f" 2>"$out/time.txt" || true
    mb=$(awk -v b="$(stat -c %s "$f")" 'BEGIN{print b / 1e6}')
    awk -v n="$n" -v mb="$mb" -v ev="$ev" -v aw="$aw" -v pk="$(tail -1 "$out/time.txt")" \
      'BEGIN{printf "%7d %8.1f %10.1f %11.1f %6.2fx %13.1f %8d KiB\n", n, mb, ev * 1000, aw * 1000, aw / ev, aw * 1000 / mb, pk}' \
      | tee -a "$out/spec-growth.md"
  done
else
  echo "(python3 with PyYAML not found: skipped)"
fi

if [ "${SPECTRAL:-0}" = 1 ]; then
  echo "== Spectral + OWASP ruleset on openai.yaml (slow: minutes)"
  sp="$out/spectral"; mkdir -p "$sp"
  (cd "$sp" && [ -d node_modules/@stoplight/spectral-cli ] || npm install --silent @stoplight/spectral-cli @stoplight/spectral-owasp-ruleset)
  printf 'extends: ["@stoplight/spectral-owasp-ruleset"]\n' > "$sp/.spectral.yaml"
  /usr/bin/time -f "spectral: %e s, peak %M KiB" "$sp/node_modules/.bin/spectral" lint -q -r "$sp/.spectral.yaml" -f json "$corpus/specs/openai.yaml" >/dev/null || true
  /usr/bin/time -f "apiward:  %e s, peak %M KiB" "$bin" check --no-config --preset all --format json "$corpus/specs/openai.yaml" >/dev/null || true
fi
else
  echo "== spec corpus not found at $corpus: spec sections skipped"
fi

# ---------------------------------------------------------------------------------------
# Rust workspace (issue 7): full check vs parse-only syn floor, threads, growth, semgrep.
if [ -n "$rust_tree" ] && [ -d "$rust_tree" ]; then
  rust_tree="$(cd "$rust_tree" && pwd)"
  if [ -z "${SYN_FLOOR:-}" ]; then
    cargo build --release --locked -q -p apiward_source --example syn_floor
    syn=target/release/examples/syn_floor
  else
    syn="$SYN_FLOOR"
  fi
  check="$bin check --no-config --preset all --format json -o $out/rust-check.json"
  hf=(hyperfine -N -i)
  if [ "${QUIET:-0}" = 1 ]; then
    cat > "$out/quiet.sh" <<'EOF'
#!/bin/sh
# Waits (at most 5 minutes) until the machine has been at least 90% idle for two seconds in a
# row (other users' builds, tests and profilers make the timings meaningless).
idle() { awk '/^cpu /{print $5 + $6, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9}' /proc/stat; }
n=0; i=0
set -- $(idle)
while [ $n -lt 2 ] && [ $i -lt 300 ]; do
  sleep 1; i=$((i + 1))
  i0=$1; t0=$2; set -- $(idle)
  if [ $(( ($1 - i0) * 100 )) -ge $(( ($2 - t0) * 90 )) ]; then n=$((n + 1)); else n=0; fi
done
EOF
    chmod +x "$out/quiet.sh"
    hf+=(--prepare "$out/quiet.sh")
  fi
  peak() { # peak memory of a command, its stdout discarded
    /usr/bin/time -f "%M" "$@" >/dev/null 2>"$out/time.txt" || true
    echo "$(tail -1 "$out/time.txt") KiB"
  }

  echo "== Rust tree $rust_tree: files, lines (every .rs / the ones apiward reads)"
  : > "$out/rust-sizes.txt"
  for d in "$rust_tree"/*/; do
    d="${d%/}"
    all=$("$syn" --serial "$d" | awk '{print $2, $4}')
    svc=$("$syn" --serial --service-only "$d" | awk '{print $2, $4}')
    echo "$(basename "$d") $all $svc" >> "$out/rust-sizes.txt"
  done
  sort -k3,3n -o "$out/rust-sizes.txt" "$out/rust-sizes.txt"
  printf '%-24s %8s %10s %12s %14s\n' repo files lines "svc files" "svc lines"
  awk '{printf "%-24s %8d %10d %12d %14d\n", $1, $2, $3, $4, $5}' "$out/rust-sizes.txt"
  main="${RUST_MAIN:-$(sort -k3,3n "$out/rust-sizes.txt" | tail -1 | cut -d' ' -f1)}"
  main_dir="$rust_tree/$main"

  echo "== $main: syn floor (every .rs file; --service-only: the files apiward reads) vs full check"
  "${hf[@]}" -w 2 -r 10 --export-markdown "$out/rust-main.md" \
    -n "syn floor" "$syn $main_dir" \
    -n "syn floor --service-only" "$syn --service-only $main_dir" \
    -n "apiward check --preset all" "$check $main_dir"
  echo "peak: syn floor $(peak "$syn" "$main_dir"), apiward $(peak $check "$main_dir")"

  echo "== $main: 1 vs 2 threads"
  "${hf[@]}" -w 1 -r 5 --export-markdown "$out/rust-threads.md" \
    -n "syn floor 1 thread" "env RAYON_NUM_THREADS=1 $syn $main_dir" \
    -n "syn floor 2 threads" "env RAYON_NUM_THREADS=2 $syn $main_dir" \
    -n "apiward 1 thread" "env RAYON_NUM_THREADS=1 $check $main_dir" \
    -n "apiward 2 threads" "env RAYON_NUM_THREADS=2 $check $main_dir"

  echo "== growth: repositories added smallest first; time per 1k lines (every .rs line)"
  : > "$out/rust-growth.txt"
  set_dirs=""; lines=0; files=0
  while read -r name f l _; do
    set_dirs="$set_dirs $rust_tree/$name"; lines=$((lines + l)); files=$((files + f))
    "${hf[@]}" -w 1 -r 5 --export-csv "$out/growth.csv" \
      -n floor "$syn $set_dirs" -n apiward "$check $set_dirs" </dev/null >/dev/null
    fl=$(awk -F, '$1=="floor"{print $2}' "$out/growth.csv")
    aw=$(awk -F, '$1=="apiward"{print $2}' "$out/growth.csv")
    mem=$(peak $check $set_dirs)
    echo "$files $lines $fl $aw $mem" >> "$out/rust-growth.txt"
  done < "$out/rust-sizes.txt"
  printf '%7s %9s %10s %10s %7s %13s %13s %12s\n' files lines "floor s" "apiward s" ratio "floor ms/kl" "apiward ms/kl" "apiward peak"
  awk '{printf "%7d %9d %10.3f %10.3f %6.2fx %13.3f %13.3f %9d KiB\n", $1, $2, $3, $4, $4/$3, 1e6*$3/$2, 1e6*$4/$2, $5}' \
    "$out/rust-growth.txt" | tee "$out/rust-growth.md"

  if [ "${SEMGREP:-0}" = 1 ]; then
    echo "== semgrep vs apiward, one rule (tls-verification-disabled) on $main and on the whole tree"
    semgrep=$(command -v semgrep || true)
    if [ -z "$semgrep" ]; then
      [ -x "$out/semgrep-venv/bin/semgrep" ] || { python3 -m venv "$out/semgrep-venv" && "$out/semgrep-venv/bin/pip" install -q semgrep; }
      semgrep="$out/semgrep-venv/bin/semgrep"
    fi
    cat > "$out/semgrep-tls.yaml" <<'EOF'
rules:
  - id: tls-verification-disabled
    languages: [rust]
    severity: ERROR
    message: TLS certificate or hostname verification is disabled
    pattern-either:
      - pattern: $X.danger_accept_invalid_certs(true)
      - pattern: $X.danger_accept_invalid_hostnames(true)
      - pattern: $X.disable_verification(true)
      - pattern: $X.set_verify(SslVerifyMode::NONE)
      - pattern: $X.set_verify(openssl::ssl::SslVerifyMode::NONE)
EOF
    sg="$semgrep scan --metrics=off --disable-version-check --quiet --config $out/semgrep-tls.yaml --json"
    one="$bin check --no-config --select tls-verification-disabled --format json"
    for t in "$main_dir" "$rust_tree"; do
      "${hf[@]}" -w 1 -r 5 --export-markdown "$out/rust-semgrep-$(basename "$t").md" \
        -n "semgrep -j 1" "$sg -j 1 -o $out/semgrep.json $t" \
        -n "semgrep -j 2" "$sg -j 2 -o $out/semgrep.json $t" \
        -n "apiward --select tls-verification-disabled" "$one -o $out/apiward-tls.json $t"
      echo "peak: semgrep -j 2 $(peak $sg -j 2 -o "$out/semgrep.json" "$t"), apiward $(peak $one -o "$out/apiward-tls.json" "$t")"
      echo "findings: semgrep $(grep -o '"check_id"' "$out/semgrep.json" | wc -l), apiward $(grep -o '"rule": *"tls-verification-disabled"' "$out/apiward-tls.json" | wc -l)"
    done
  fi
else
  echo "== no Rust tree given (scripts/bench.sh CORPUS_DIR RUST_TREE): Rust section skipped"
fi
echo "results in $out/"
