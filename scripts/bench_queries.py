#!/usr/bin/env python3
"""Query benchmark: Guanxi next to Kuzu on the same graph, in the same run.

usage: bench_queries.py DB [--runs R]

DB is a store built by `guanxi build` (e.g. from a 100 MB corpus of
../shared/bench/make_corpus.py). Runs every Queries/*.cypher file and a 2-hop count
R times in each engine and prints the medians; then Guanxi's CLI cold start (open the
store, run a one-row query, exit). Release builds: `swift build -c release` first.
"""
import argparse, json, os, statistics, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
import differential  # noqa: E402

TWO_HOP = "MATCH (a)-[]->(b)-[]->(c) RETURN count(*) AS paths"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("db")
    ap.add_argument("--runs", type=int, default=5)
    a = ap.parse_args()
    bindir = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    guanxi, bench = os.path.join(bindir, "guanxi"), os.path.join(bindir, "guanxi-bench")
    qdir = os.path.join(ROOT, "Queries")
    files = sorted(f for f in os.listdir(qdir) if f.endswith(".cypher"))
    specs = [f"{f[:-7]}={os.path.join(qdir, f)}" for f in files] + [f"two_hop_count={TWO_HOP}"]
    ours = {}
    for line in subprocess.run([bench, "query", a.db, str(a.runs)] + specs, capture_output=True, text=True, check=True).stdout.splitlines():
        r = json.loads(line)
        ours[r["name"]] = r
    work = tempfile.mkdtemp(prefix="guanxi-bench-q-")
    graphml = os.path.join(work, "g.graphml")
    subprocess.run([guanxi, "export", "--graphml", graphml, "--db", a.db], check=True, capture_output=True)
    conn, n, e = differential.kuzu_load(graphml, work)
    print(f"graph: {n} nodes, {e} relationships; median of {a.runs} runs, ms")
    print(f"{'query':36} {'guanxi':>9} {'kuzu':>9} {'ratio':>7} {'rows':>7}")
    cases = [(f[:-7], open(os.path.join(qdir, f), encoding="utf-8").read()) for f in files] + [("two_hop_count", TWO_HOP)]
    for name, text in cases:
        params = {}
        for line in text.splitlines():
            if line.startswith("// param:"):
                k, v = line[len("// param:"):].strip().split("=", 1)
                params[k] = json.loads(v)
        body = "\n".join(l for l in text.splitlines() if not l.lstrip().startswith("//"))
        q = differential.to_kuzu(body)
        times = []
        ok = True
        for _ in range(a.runs):
            t = time.perf_counter()
            try:
                r = conn.execute(q, params)
                while r.has_next():
                    r.get_next()
            except Exception:
                ok = False
                break
            times.append((time.perf_counter() - t) * 1000)
        k = statistics.median(times) if ok and times else None
        g = ours.get(name, {}).get("median_ms")
        ratio = f"{g / k:.2f}x" if g and k else "-"
        print(f"{name:36} {g:9.2f} {('%9.2f' % k) if k else '      n/a'} {ratio:>7} {ours.get(name, {}).get('rows', '-'):>7}")
    cold = []
    for _ in range(20):
        t = time.perf_counter()
        subprocess.run([guanxi, "query", "--db", a.db, "MATCH (n:Town) RETURN n.name LIMIT 1"], capture_output=True)
        cold.append((time.perf_counter() - t) * 1000)
    print(f"CLI cold start (open store, one-row query, exit): median {statistics.median(cold):.1f} ms over 20 runs")


if __name__ == "__main__":
    main()
