#!/usr/bin/env python3
"""Precision study of the default preset on real repositories (see trials/PRECISION.md).

usage:
  scripts/precision.py run APIWARD SRC_DIR OUT_DIR [NAME ...]
      runs `APIWARD check . --format json --no-config` in SRC_DIR/<name> for every name
      (default: every folder of SRC_DIR) and keeps OUT_DIR/<name>.json
  scripts/precision.py sample OUT_DIR [SEED]
      prints the findings to read as JSON: every finding of a rule with at most 15, a
      seeded random sample of 15 of a larger rule (default seed 2026; bottom-k by a
      seeded hash, so a finding's being sampled does not depend on the others)
  scripts/precision.py table OUT_DIR VERDICTS [SEED]
      prints the Markdown table: rule | findings | sampled | true | false | debatable |
      precision, then the findings per repository; VERDICTS maps a finding's id to
      {"verdict": "true"|"false"|"debatable", "reason": ...} (a finding whose message was
      reworded since is matched by repository, rule and place); MISSING=FILE writes the
      sampled findings that have no verdict yet

A finding's id is a hash of its repository, rule, file, line, column and message, so a
verdict stays attached to the same finding across runs and is asked again when the
finding changes.
"""
import collections, hashlib, json, os, subprocess, sys

LIMIT = 15


def fid(repo, d):
    s = d["range"]["start"] if d.get("range") else {"line": 0, "column": 0}
    key = f"{repo}|{d['rule']}|{d.get('file')}|{s['line']}|{s['column']}|{d['message']}"
    return hashlib.sha1(key.encode()).hexdigest()[:12]


def load(out_dir):
    found = []
    for name in sorted(os.listdir(out_dir)):
        if not name.endswith(".json"):
            continue
        repo = name[:-5]
        with open(os.path.join(out_dir, name)) as f:
            report = json.load(f)
        for d in report["diagnostics"]:
            s = d["range"]["start"] if d.get("range") else {"line": 0, "column": 0}
            found.append({"id": fid(repo, d), "repo": repo, "rule": d["rule"],
                          "severity": d["severity"], "file": d.get("file"),
                          "line": s["line"], "column": s["column"], "message": d["message"],
                          "related": [f"{r.get('file')}:{r['range']['start']['line']} {r.get('message', '')}"
                                      for r in d.get("related", []) if r.get("range")]})
    return found


def sample(found, seed):
    by_rule = collections.defaultdict(list)
    for d in found:
        by_rule[d["rule"]].append(d)
    picked = []
    for rule in sorted(by_rule):
        # Bottom-k by a seeded hash of each finding: a uniform random sample in which a
        # finding's being picked does not depend on the others, so that a finding sampled
        # (and judged) once stays sampled when fixes remove others.
        xs = sorted(by_rule[rule], key=lambda d: hashlib.sha1(f"{seed}:{d['id']}".encode()).hexdigest())
        picked.extend(xs[:LIMIT])
    return by_rule, picked


def verdict_of(verdicts, d):
    """The verdict of a finding: by its id, else by repository, rule and place (a message
    reworded since it was judged)."""
    v = verdicts.get(d["id"])
    if v is None:
        at = f"{d['file']}:{d['line']}"
        v = next((x for x in verdicts.values()
                  if x.get("repo") == d["repo"] and x.get("rule") == d["rule"] and x.get("at") == at), None)
    return v


def main():
    cmd = sys.argv[1] if len(sys.argv) > 1 else ""
    if cmd == "run":
        apiward, src, out = sys.argv[2:5]
        names = sys.argv[5:] or sorted(os.listdir(src))
        os.makedirs(out, exist_ok=True)
        for name in names:
            with open(os.path.join(out, name + ".json"), "w") as f:
                p = subprocess.run([os.path.abspath(apiward), "check", ".", "--format", "json", "--no-config"],
                                   cwd=os.path.join(src, name), stdout=f, stderr=subprocess.PIPE, timeout=600)
            if p.returncode not in (0, 1):
                print(f"{name}: exit {p.returncode}: {p.stderr.decode()[:300]}", file=sys.stderr)
    elif cmd == "sample":
        seed = sys.argv[3] if len(sys.argv) > 3 else "2026"
        _, picked = sample(load(sys.argv[2]), seed)
        json.dump(picked, sys.stdout, indent=1)
    elif cmd == "table":
        out, verdicts_file = sys.argv[2:4]
        seed = sys.argv[4] if len(sys.argv) > 4 else "2026"
        with open(verdicts_file) as f:
            verdicts = json.load(f)
        found = load(out)
        by_rule, picked = sample(found, seed)
        rows, missing = [], []
        tot_n = tot_true_est = 0
        s_true = s_false = s_deb = 0
        print("| rule | findings | sampled | true | false | debatable | precision |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for rule in sorted(by_rule, key=lambda r: -len(by_rule[r])):
            mine = [d for d in picked if d["rule"] == rule]
            c = collections.Counter()
            for d in mine:
                v = verdict_of(verdicts, d)
                if v is None:
                    missing.append(d)
                    continue
                c[v["verdict"]] += 1
            judged = c["true"] + c["false"]
            prec = c["true"] / judged if judged else None
            n = len(by_rule[rule])
            if prec is not None:
                tot_n += n
                tot_true_est += n * prec
            s_true += c["true"]; s_false += c["false"]; s_deb += c["debatable"]
            p = f"{100 * prec:.0f}%" if prec is not None else "–"
            print(f"| `{rule}` | {n} | {len(mine)} | {c['true']} | {c['false']} | {c['debatable']} | {p} |")
        overall = 100 * tot_true_est / tot_n if tot_n else 0
        sample_prec = 100 * s_true / (s_true + s_false) if s_true + s_false else 0
        print(f"| **all** | {len(found)} | {len(picked)} | {s_true} | {s_false} | {s_deb} | "
              f"{overall:.0f}% (weighted by findings); {sample_prec:.0f}% of the sample |")
        print()
        print("| repository | findings |")
        print("|---|---:|")
        per = collections.Counter(d["repo"] for d in found)
        for name in sorted(os.listdir(out)):
            if name.endswith(".json"):
                print(f"| {name[:-5]} | {per.get(name[:-5], 0)} |")
        if os.environ.get("MISSING"):
            with open(os.environ["MISSING"], "w") as f:
                json.dump(missing, f, indent=1)
        if missing:
            print(f"\n{len(missing)} sampled findings have no verdict:", file=sys.stderr)
            for d in missing:
                print(f"  {d['id']} {d['repo']} {d['rule']} {d['file']}:{d['line']} {d['message'][:100]}", file=sys.stderr)
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()
