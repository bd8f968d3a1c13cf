#!/usr/bin/env python3
"""Writes a series of OpenAPI documents of growing size from one description, for measuring
how apiward's cost grows with the size of a single spec (BENCHMARKS.md, "Growth with the size
of one spec").

    scripts/spec-series.py SPEC OUT_DIR [COPIES...]      (default copies: 1 2 4 8)

Copy k of the description is merged into one document: its paths get the prefix `/c<k>`,
every component (schemas, parameters, responses, ...) and webhook the suffix `C<k>`, and every
local `$ref` is rewritten to match, so each copy is a whole, resolvable API and the document
of n copies holds n times the operations, schemas and references of the original. Every
member of the series is written by the same YAML dumper (so style differences between the
original file and the series do not enter the comparison). Needs PyYAML.
"""

import os
import sys

import yaml


def renamed(node, k):
    """The node with every local component `$ref` pointed at copy `k`."""
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str) and value.startswith("#/components/"):
                out[key] = value + f"C{k}"
            else:
                out[key] = renamed(value, k)
        return out
    if isinstance(node, list):
        return [renamed(v, k) for v in node]
    return node


def series(spec, copies):
    doc = {key: value for key, value in spec.items() if key not in ("paths", "components", "webhooks")}
    doc["paths"] = {}
    doc["webhooks"] = {}
    doc["components"] = {}
    for k in range(1, copies + 1):
        copy = renamed({key: spec.get(key) or {} for key in ("paths", "components", "webhooks")}, k)
        for path, item in copy["paths"].items():
            doc["paths"][f"/c{k}{path}"] = item
        for name, hook in copy["webhooks"].items():
            doc["webhooks"][f"{name}C{k}"] = hook
        for section, members in copy["components"].items():
            target = doc["components"].setdefault(section, {})
            for name, member in (members or {}).items():
                target[f"{name}C{k}"] = member
    return doc


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    src, out_dir = sys.argv[1], sys.argv[2]
    counts = [int(c) for c in sys.argv[3:]] or [1, 2, 4, 8]
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    with open(src, encoding="utf-8") as f:
        spec = yaml.load(f, Loader=loader)
    os.makedirs(out_dir, exist_ok=True)
    for n in counts:
        path = os.path.join(out_dir, f"spec-x{n}.yaml")
        with open(path, "w", encoding="utf-8") as f:
            yaml.dump(series(spec, n), f, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100)
        print(path, os.path.getsize(path))


if __name__ == "__main__":
    main()
