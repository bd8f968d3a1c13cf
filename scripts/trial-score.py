#!/usr/bin/env python3
"""Scores `apiward routes` against hand-verified routes of real services.

usage: TRIALS_SRC=DIR scripts/trial-score.py APIWARD TRUTH_DIR [NAME ...]

Each TRUTH_DIR/<name>.json (see trials/README.md) names a repository and commit, the
service folders in it, a hand count of endpoints and the routes verified by reading the
code; the repository is extracted at that commit in TRIALS_SRC/<name>. FORMAT=md prints
the table as Markdown. For each service this runs `APIWARD routes --format json` on the service folders and
prints: routes listed, verified routes found with the right method and path, auth right on
those whose auth the code determines, paths made of source text, duplicate rows, and the
unresolved registrations; then the verified routes it missed.
"""
import json, os, re, subprocess, sys

def norm(p):
    p = re.sub(r"\{[^}]*\}", "{}", p)
    return p.rstrip("/") or "/"

def run(apiward, truth):
    root = os.path.join(os.environ["TRIALS_SRC"], truth["name"]) if "TRIALS_SRC" in os.environ else truth["root"]
    dirs = truth.get("service_dirs") or ["."]
    out = subprocess.run([apiward, "routes", "--no-config", "--format", "json", *dirs],
                         cwd=root, capture_output=True, text=True, timeout=600)
    if out.returncode not in (0, 1):
        raise SystemExit(f"{truth['name']}: apiward failed: {out.stderr[:500]}")
    return json.loads(out.stdout)

def score(apiward, truth, verbose):
    inv = run(apiward, truth)
    routes = inv["routes"]
    listed = {}
    for r in routes:
        listed.setdefault((r["method"], norm(r["path"])), []).append(r)
        # A base path known only at run time (`/{?}/api/x`) stands for the default, empty one.
        if r["path"].startswith("/{?}/"):
            listed.setdefault((r["method"], norm(r["path"][4:])), []).append(r)
    found = auth_ok = auth_known = 0
    missed, wrong_auth = [], []
    for v in truth["verified"]:
        key = (v["method"].upper(), norm(v["path"]))
        rs = listed.get(key) or listed.get(("ANY", norm(v["path"])))
        # So does one the truth writes (`/{?}/api/x`, a prefix from the environment, empty
        # by default) against a route listed at its default.
        if not rs and (v["path"] == "/{?}" or v["path"].startswith("/{?}/")):
            bare = norm(v["path"][4:] or "/")
            rs = listed.get((v["method"].upper(), bare)) or listed.get(("ANY", bare))
        if not rs:
            missed.append(v)
            continue
        found += 1
        if v.get("auth") in ("required", "none", "optional"):
            auth_known += 1
            if any(r["auth"] == v["auth"] for r in rs):
                auth_ok += 1
            else:
                wrong_auth.append((v, rs[0]["auth"], rs[0].get("auth_source")))
    source_text = [r["path"] for r in routes if re.search(r"::|[&\[\]()]", r["path"])]
    unknown = [r["path"] for r in routes if "{?}" in r["path"]]
    keys = [(r["method"], r["path"], r.get("handler"), r.get("service")) for r in routes]
    dups = len(keys) - len(set(keys))
    unresolved = inv.get("unresolved", [])
    row = dict(name=truth["name"], repo=truth["repo"], commit=truth["commit"], hand=truth["hand_count"], listed=len(routes),
               verified=len(truth["verified"]), found=found, auth_known=auth_known,
               auth_ok=auth_ok, source_text=len(source_text), unknown=len(unknown), dups=dups,
               unresolved=len(unresolved))
    if verbose:
        for v in missed:
            print(f"  missed {v['method']} {v['path']}  ({v.get('evidence','')})")
        for v, got, src in wrong_auth:
            print(f"  auth   {v['method']} {v['path']}: want {v['auth']}, got {got} ({src})")
        for p in source_text[:5]:
            print(f"  source-text path {p}")
    return row

def main():
    apiward, tdir = sys.argv[1], sys.argv[2]
    names = sys.argv[3:] or sorted(f[:-5] for f in os.listdir(tdir) if f.endswith(".json"))
    verbose = os.environ.get("VERBOSE") == "1"
    rows = []
    for n in names:
        truth = json.load(open(os.path.join(tdir, n + ".json")))
        if "TRIALS_SRC" in os.environ and not os.path.isdir(os.path.join(os.environ["TRIALS_SRC"], n)):
            print(f"skipped {n}: not in TRIALS_SRC", file=sys.stderr)
            continue
        if verbose:
            print(f"== {n}")
        rows.append(score(apiward, truth, verbose))
    if os.environ.get("FORMAT") == "md":
        print("| service | commit | hand count | listed | verified | found (method+path) | auth right | `{?}` paths | unresolved |")
        print("|---|---|---|---|---|---|---|---|---|")
        tot = dict(hand=0, listed=0, verified=0, found=0, auth_known=0, auth_ok=0, unresolved=0)
        for r in rows:
            print(f"| {r['name']} ({r['repo']}) | `{r['commit'][:10]}` | {r['hand']} | {r['listed']} | {r['verified']} | {r['found']} | {r['auth_ok']}/{r['auth_known']} | {r['unknown']} | {r['unresolved']} |")
            for k in tot:
                tot[k] += r[k]
        print(f"| **total** | | {tot['hand']} | {tot['listed']} | {tot['verified']} | {tot['found']} ({100*tot['found']/tot['verified']:.1f}%) | {tot['auth_ok']}/{tot['auth_known']} ({100*tot['auth_ok']/max(1,tot['auth_known']):.1f}%) | | {tot['unresolved']} |")
        return
    print(f"{'service':22} {'hand':>5} {'listed':>6} {'verif':>5} {'found':>5} {'auth':>9} {'srctxt':>6} {'{?}':>4} {'dups':>4} {'unres':>5}")
    tot = dict(hand=0, listed=0, verified=0, found=0, auth_known=0, auth_ok=0)
    for r in rows:
        print(f"{r['name']:22} {r['hand']:>5} {r['listed']:>6} {r['verified']:>5} {r['found']:>5} "
              f"{r['auth_ok']:>4}/{r['auth_known']:<4} {r['source_text']:>6} {r['unknown']:>4} {r['dups']:>4} {r['unresolved']:>5}")
        for k in tot:
            tot[k] += r[k]
    print(f"{'total':22} {tot['hand']:>5} {tot['listed']:>6} {tot['verified']:>5} {tot['found']:>5} "
          f"{tot['auth_ok']:>4}/{tot['auth_known']:<4}")

main()
