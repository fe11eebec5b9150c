#!/usr/bin/env python3
"""Person recall and precision on general news sentences, Guanxi beside the jieba peer.

usage: scripts/ner_benchmark.py [--guanxi BIN] [--sample ../shared/bench/ner_sample.jsonl]
                                [--peer ../shared/bench/peers/peer_jieba.py] [--errors N]

Each sentence of the sample (2,000 MSRA and People's Daily test sentences, PER/LOC/ORG
tags) becomes one article; both tools extract from the same files and each sentence's
set of distinct person names is compared with the set of gold PER names (exact
string match). Prints precision, recall and F1 of both. The peer runs only when jieba
is installed (`pip install jieba==0.42.1`). Without the sample (a clone without
../shared) it says so and exits 0.
"""
import argparse
import collections
import json
import os
import random
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.join(HERE, "..", "..", "shared", "bench")


def persons(jsonl):
    found = collections.defaultdict(set)
    for line in jsonl.splitlines():
        if not line.strip():
            continue
        d = json.loads(line)
        if d.get("kind") == "entity" and d.get("type") == "Person":
            found[d["doc"]].add(d["name"])
    return found


def score(gold, found, show=0, label=""):
    tp = fp = fn = 0
    errors = []
    for doc, names in gold.items():
        got = found.get(doc, set())
        tp += len(names & got)
        fp += len(got - names)
        fn += len(names - got)
        errors += [("FP", doc, n) for n in sorted(got - names)] + [("FN", doc, n) for n in sorted(names - got)]
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    if show:
        random.Random(1).shuffle(errors)
        for e in errors[:show]:
            print(f"  {label} {e[0]} {e[1]} {e[2]}", file=sys.stderr)
    return p, r, f, tp, fp, fn


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--guanxi", default=os.path.join(HERE, "..", ".build", "release", "guanxi"))
    ap.add_argument("--sample", default=os.path.join(SHARED, "ner_sample.jsonl"))
    ap.add_argument("--peer", default=os.path.join(SHARED, "peers", "peer_jieba.py"))
    ap.add_argument("--errors", type=int, default=0, help="print N random errors of Guanxi to stderr")
    a = ap.parse_args()
    if not os.path.exists(a.sample):
        print(f"skipped: {a.sample} not found (it is in ../shared/bench, beside a CI checkout)")
        return 0
    gold = {}
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        with open(a.sample, encoding="utf-8") as f:
            for i, line in enumerate(f):
                d = json.loads(line)
                name = f"{i:05d}.txt"
                with open(os.path.join(tmp, name), "w", encoding="utf-8") as out:
                    out.write(d["text"] + "\n")
                gold[name] = {e["name"] for e in d["entities"] if e["type"] == "PER"}
                files.append(os.path.join(tmp, name))
        out = subprocess.run([a.guanxi, "extract", tmp, "--format", "jsonl"], capture_output=True, text=True, check=True).stdout
        rows = [("guanxi", score(gold, persons(out), a.errors, "guanxi"))]
        try:
            import jieba  # noqa: F401
            peer = subprocess.run([sys.executable, a.peer] + files, capture_output=True, text=True, check=True).stdout
            rows.append(("jieba peer", score(gold, persons(peer))))
        except ImportError:
            print("jieba peer skipped: pip install jieba==0.42.1", file=sys.stderr)
    total = sum(len(v) for v in gold.values())
    print(f"Person names in {len(gold)} sentences ({total} distinct per sentence), exact match:")
    print(f"{'':12} {'P':>6} {'R':>6} {'F1':>6} {'tp':>6} {'fp':>6} {'fn':>6}")
    for label, (p, r, f, tp, fp, fn) in rows:
        print(f"{label:12} {p:6.3f} {r:6.3f} {f:6.3f} {tp:6d} {fp:6d} {fn:6d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
