#!/usr/bin/env python3
"""Big-graph benchmark: Guanxi next to Kuzu on one generated graph, in the same run.

usage: bench_big_graph.py --nodes N [--facts M] [--runs R] [--work DIR]

Generates a Guanxi-shaped graph with scripts/make_graph.py (GraphML and CSV), loads it
into a new Guanxi store (`guanxi import`) and into Kuzu (`COPY` from the CSV), then runs
the same queries R times in each and prints medians with their spread (min-max), in ms.
Release builds first: `swift build -c release`.
"""
import argparse, json, os, statistics, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RELATIONS = ["belongs_to", "leads", "member_of", "funds"]

QUERIES = [
    ("two_hop_count", "MATCH (a)-[]->(b)-[]->(c) RETURN count(*) AS paths"),
    ("three_hop_from_one_village",
     "MATCH (v:Village) WITH v ORDER BY v.name LIMIT 1 MATCH (v)<-[*1..3]-(x) RETURN count(DISTINCT x) AS reached"),
    ("village_leaders_of_a_district",
     "MATCH (d:District) WITH d ORDER BY d.name LIMIT 1 "
     "MATCH (p:Person)-[:leads]->(v:Village)-[:belongs_to]->(:Town)-[:belongs_to]->(d) RETURN count(*) AS n"),
    ("companies_funding_projects_in_a_city",
     "MATCH (c:City) WITH c ORDER BY c.name LIMIT 1 "
     "MATCH (co:Company)-[:funds]->(pr:Project)-[:belongs_to]->(:Village)-[:belongs_to]->(:Town)-[:belongs_to]->(:District)-[:belongs_to]->(c) "
     "RETURN count(DISTINCT co) AS n"),
    ("villages_without_leader", "MATCH (v:Village) WHERE NOT (:Person)-[:leads]->(v) RETURN count(v) AS n"),
]

# Kuzu writes a pattern predicate as an existential subquery.
KUZU_FORMS = {
    "villages_without_leader": "MATCH (v:Village) WHERE NOT EXISTS { MATCH (:Person)-[:leads]->(v) } RETURN count(v) AS n",
}


def kuzu_query(q):
    """The same query for Kuzu's schema: one node table with a type column, a rel table per relation."""
    import re
    q = re.sub(r"\((\w*):(Village|Town|District|City|Province|Person|Company|Project|Organization)\)",
               lambda m: f"({m.group(1) or '_' + m.group(2).lower()}:Entity {{type: '{m.group(2)}'}})", q)
    return q


def spread(ts):
    return f"{statistics.median(ts):9.1f} ({min(ts):.1f}-{max(ts):.1f})"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nodes", type=int, default=1000000)
    ap.add_argument("--facts", type=int)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--work")
    ap.add_argument("--timeout", type=int, default=120, help="seconds a Kuzu query may run")
    a = ap.parse_args()
    work = a.work or tempfile.mkdtemp(prefix="guanxi-big-")
    bindir = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    guanxi, bench = os.path.join(bindir, "guanxi"), os.path.join(bindir, "guanxi-bench")
    graphml, csvdir, db = os.path.join(work, "g.graphml"), os.path.join(work, "csv"), os.path.join(work, "g.db")
    if not os.path.exists(graphml):
        args = [sys.executable, os.path.join(ROOT, "scripts", "make_graph.py"), "--nodes", str(a.nodes), "--out", graphml, "--csv", csvdir]
        if a.facts:
            args += ["--facts", str(a.facts)]
        print(subprocess.run(args, check=True, capture_output=True, text=True).stdout.strip())
    if not os.path.exists(db):
        t = time.perf_counter()
        subprocess.run([guanxi, "import", graphml, "--db", db], check=True, capture_output=True)
        print(f"guanxi import: {time.perf_counter() - t:.1f} s, store {os.path.getsize(db) / 1e6:.0f} MB")
    import kuzu
    kdir = os.path.join(work, "kuzu")
    fresh = not os.path.exists(kdir)
    conn = kuzu.Connection(kuzu.Database(kdir))
    if fresh:
        t = time.perf_counter()
        conn.execute("CREATE NODE TABLE Entity(id INT64, type STRING, name STRING, PRIMARY KEY(id))")
        for rel in RELATIONS:
            conn.execute(f"CREATE REL TABLE {rel}(FROM Entity TO Entity)")
        conn.execute(f"COPY Entity FROM '{os.path.join(csvdir, 'nodes.csv')}' (HEADER=false)")
        files = {rel: open(os.path.join(csvdir, f"{rel}.csv"), "w") for rel in RELATIONS}
        with open(os.path.join(csvdir, "edges.csv")) as f:
            for line in f:
                s, o, rel = line.rstrip("\n").split(",")
                files[rel].write(f"{s},{o}\n")
        for f in files.values():
            f.close()
        for rel in RELATIONS:
            conn.execute(f"COPY {rel} FROM '{os.path.join(csvdir, rel + '.csv')}' (HEADER=false)")
        print(f"kuzu COPY: {time.perf_counter() - t:.1f} s")
    specs = [f"{name}={q}" for name, q in QUERIES]
    ours = {}
    for line in subprocess.run([bench, "query", db, str(a.runs)] + specs, capture_output=True, text=True, check=True).stdout.splitlines():
        r = json.loads(line)
        ours[r["name"]] = r
    print(f"median (min-max) of {a.runs} runs, ms")
    print(f"{'query':40} {'guanxi':>24} {'kuzu':>24} {'ratio':>7}")
    conn.set_query_timeout(a.timeout * 1000)
    for name, q in QUERIES:
        times, rows = [], None
        g = ours.get(name, {})
        gt = g.get("times") or [g.get("median_ms", float("nan"))]
        try:
            for _ in range(a.runs):
                t = time.perf_counter()
                r = conn.execute(kuzu_query(KUZU_FORMS.get(name, q)))
                rows = []
                while r.has_next():
                    rows.append(r.get_next())
                times.append((time.perf_counter() - t) * 1000)
        except RuntimeError as error:
            print(f"{name:40} {spread(gt):>24} {'kuzu: ' + str(error)[:60]:>24}", flush=True)
            continue
        print(f"{name:40} {spread(gt):>24} {spread(times):>24} {statistics.median(gt) / statistics.median(times):7.2f}  kuzu rows {rows}", flush=True)


if __name__ == "__main__":
    main()
