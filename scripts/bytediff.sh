#!/bin/bash
# Compares two apiward binaries on every tree of a folder: the JSON of `routes` and of
# `check` (no config) byte for byte. Prints `DIFF <tree> <command>` for each difference and
# keeps both outputs in OUT/<tree>.<command>.{old,new}.json; `done` at the end. With
# IGNORE_COUNTS=1 the counts of files parsed and skipped are left out of the comparison (a
# change that parses a few more files, the routes and findings the same).
# usage: scripts/bytediff.sh OLD NEW SRC_DIR OUT_DIR [JOBS]
set -u
old=$1 new=$2 src=$3 out=$4 jobs=${5:-2}
mkdir -p "$out"
one() {
  local old=$1 new=$2 out=$3 dir=$4 name
  name=$(basename "$dir")
  for cmd in routes check; do
    (cd "$dir" && "$old" "$cmd" --no-config --format json . >"$out/$name.$cmd.old.json" 2>/dev/null)
    (cd "$dir" && "$new" "$cmd" --no-config --format json . >"$out/$name.$cmd.new.json" 2>/dev/null)
    if [[ "${IGNORE_COUNTS:-}" == 1 ]]; then
      for v in old new; do
        sed -i -E 's/"files_(parsed|skipped)": ?[0-9]+/"files_\1":0/g' "$out/$name.$cmd.$v.json"
      done
    fi
    if cmp -s "$out/$name.$cmd.old.json" "$out/$name.$cmd.new.json"; then
      rm -f "$out/$name.$cmd.old.json" "$out/$name.$cmd.new.json"
    else
      echo "DIFF $name $cmd"
    fi
  done
}
export -f one
find "$src" -mindepth 1 -maxdepth 1 -type d | sort | xargs -P "$jobs" -I{} bash -c 'one "$@"' _ "$old" "$new" "$out" {}
echo done
