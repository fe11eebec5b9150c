#!/usr/bin/env python3
"""Extraction speed of two builds, measured side by side, and whether they agree.

usage: ab_extract.py BIN_A BIN_B CORPUS [--pairs N] [--no-compare] [--instructions]

BIN_A and BIN_B are release build folders (each with `guanxi-bench` and `guanxi`),
e.g. `.build/release` of two checkouts, or a copy of the build before a change (`cp -r
.build/release/guanxi .build/release/guanxi-bench .build/release/*.resources DIR`: the
resource bundles too, or the copy reads the current build's rules). After one run of
each that is not counted (the first reads the corpus into the page cache), runs
`guanxi-bench extract CORPUS` with A and B alternately, N pairs (default 5), and
prints each run, then the median, minimum and maximum of each build and B's
median relative to A's. On this machine one build's throughput moves by 10 % or more
from one minute to the next, so only builds run alternately in one sitting are
compared. Then (unless --no-compare) both write `guanxi extract CORPUS --format
jsonl` and the script says whether the outputs are byte-identical; exit status 1
when they differ.

--instructions counts instead of timing: each build runs once under valgrind's
callgrind, which counts the instructions executed inside `Extractor.extract` (start-up
and file reading left out), with Swift's hashing seeded alike. The count is the same
on every run, so a change of 1 %
shows; it takes about fifty times as long as a run, so give it a small corpus (a few
hundred articles). Needs valgrind (`apt-get install valgrind`).
"""
import argparse
import hashlib
import os
import re
import shutil
import statistics
import subprocess
import sys

RATE = re.compile(r"([0-9.]+) M chars/s")


def run_bench(folder, corpus):
    done = subprocess.run([os.path.join(folder, "guanxi-bench"), "extract", corpus], capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"ab_extract: {folder}/guanxi-bench exited with {done.returncode}: {done.stderr.strip()}")
    out = done.stdout
    match = RATE.search(out)
    if not match or float(match.group(1)) == 0:
        sys.exit(f"ab_extract: no throughput in the output of {folder}/guanxi-bench: {out.strip()}")
    return float(match.group(1))


def count_instructions(folder, corpus):
    """Instructions executed inside Extractor.extract over `corpus`, by callgrind."""
    done = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
                           "--toggle-collect=$s16GuanxiExtraction9ExtractorV7extract*",
                           os.path.join(folder, "guanxi-bench"), "extract", corpus], capture_output=True, text=True,
                          # Sets and dictionaries laid out alike in every run: a random seed moves the count.
                          env=dict(os.environ, SWIFT_DETERMINISTIC_HASHING="1"))
    match = re.search(r"Collected : (\d+)", done.stderr)
    if done.returncode != 0 or not match:
        sys.exit(f"ab_extract: callgrind of {folder}/guanxi-bench failed: {done.stderr.strip()[-500:]}")
    return int(match.group(1))


def output_digest(folder, corpus):
    digest = hashlib.sha256()
    with subprocess.Popen([os.path.join(folder, "guanxi"), "extract", corpus, "--format", "jsonl"],
                          stdout=subprocess.PIPE) as process:
        for block in iter(lambda: process.stdout.read(1 << 20), b""):
            digest.update(block)
    if process.returncode != 0:
        sys.exit(f"ab_extract: {folder}/guanxi extract exited with {process.returncode}")
    return digest.hexdigest()


def main():
    ap = argparse.ArgumentParser(usage=__doc__.split("\n")[2].strip())
    ap.add_argument("a")
    ap.add_argument("b")
    ap.add_argument("corpus")
    ap.add_argument("--pairs", type=int, default=5)
    ap.add_argument("--no-compare", action="store_true")
    ap.add_argument("--instructions", action="store_true")
    args = ap.parse_args()
    if not os.path.isdir(args.corpus):
        sys.exit(f"ab_extract: {args.corpus} is not a folder of articles")
    if args.instructions and shutil.which("valgrind") is None:
        sys.exit("ab_extract: --instructions needs valgrind (apt-get install valgrind)")
    for folder in (args.a, args.b):
        for tool in ("guanxi-bench",) + (() if args.no_compare else ("guanxi",)):
            if not os.access(os.path.join(folder, tool), os.X_OK):
                sys.exit(f"ab_extract: {folder} has no {tool}; build it with `swift build -c release`")
    if args.instructions:
        counts = [count_instructions(folder, args.corpus) for folder in (args.a, args.b)]
        print(f"A: {counts[0]:,} instructions in extraction")
        print(f"B: {counts[1]:,} instructions in extraction")
        print(f"B/A: {counts[1] / counts[0]:.4f}")
    else:
        measure_speed(args)
    if args.no_compare:
        return 0
    same = output_digest(args.a, args.corpus) == output_digest(args.b, args.corpus)
    print("outputs: byte-identical" if same else "outputs: DIFFERENT")
    return 0 if same else 1


def measure_speed(args):
    """The alternated runs of both builds, and their medians."""
    for folder in (args.a, args.b):
        run_bench(folder, args.corpus)
    rates = {"A": [], "B": []}
    for pair in range(args.pairs):
        # The order within a pair alternates too, so neither build always runs second.
        order = (("A", args.a), ("B", args.b)) if pair % 2 == 0 else (("B", args.b), ("A", args.a))
        for name, folder in order:
            rate = run_bench(folder, args.corpus)
            rates[name].append(rate)
            print(f"pair {pair + 1} {name} {rate:.2f} M chars/s", flush=True)
    for name in ("A", "B"):
        r = rates[name]
        print(f"{name}: median {statistics.median(r):.2f} M chars/s (min {min(r):.2f}, max {max(r):.2f}, {len(r)} runs)")
    print(f"B/A: {statistics.median(rates['B']) / statistics.median(rates['A']):.3f}")


if __name__ == "__main__":
    sys.exit(main())
