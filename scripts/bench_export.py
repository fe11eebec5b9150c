#!/usr/bin/env python3
"""GraphML export: Guanxi next to NetworkX's write_graphml, on the same graph, in one run.

usage: bench_export.py DB [--runs R] [--guanxi PATH] [--work DIR] [--skip-networkx]

Times `guanxi export --db DB --graphml FILE` R times (median, min-max, peak memory of
each run), then loads the file it wrote into NetworkX with a streaming parser (so that
loading, which is not measured, does not hold the whole XML tree) and times
`networkx.write_graphml` of that graph once, with the process's peak memory. Release
builds first: `swift build -c release`.
"""
import argparse, os, resource, statistics, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NS = "{http://graphml.graphdrawing.org/xmlns}"


def run_guanxi(guanxi, db, out):
    """One export: seconds and peak resident memory (MB) of that child alone.

    Read from the child's own rusage (wait4): RUSAGE_CHILDREN is the largest of every
    child so far, `swift build --show-bin-path` (about 100 MB) included."""
    t = time.perf_counter()
    child = subprocess.Popen([guanxi, "export", "--db", db, "--graphml", out],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stderr = child.stderr.read()
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - t
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        sys.exit(f"bench_export.py: guanxi export failed: {stderr.decode(errors='replace').strip()}")
    return seconds, usage.ru_maxrss / 1024


def load_networkx(path):
    """The graph of a GraphML file as a NetworkX MultiDiGraph, its data typed as the keys declare."""
    import xml.etree.ElementTree as ET
    import networkx as nx
    types = {"int": int, "long": int, "double": float, "float": float, "boolean": lambda v: v == "true", "string": str}
    keys, g = {}, nx.MultiDiGraph()
    for event, el in ET.iterparse(path, events=("end",)):
        tag = el.tag.replace(NS, "")
        if tag == "key":
            keys[el.get("id")] = (el.get("attr.name"), types.get(el.get("attr.type"), str))
        elif tag in ("node", "edge"):
            data = {}
            for d in el.findall(NS + "data"):
                name, cast = keys.get(d.get("key"), (d.get("key"), str))
                data[name] = cast(d.text or "")
            if tag == "node":
                g.add_node(el.get("id"), **data)
            else:
                g.add_edge(el.get("source"), el.get("target"), key=el.get("id"), **data)
            el.clear()
    return g


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("db")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--guanxi")
    ap.add_argument("--work")
    ap.add_argument("--skip-networkx", action="store_true")
    a = ap.parse_args()
    if not os.path.exists(a.db):
        sys.exit(f"bench_export.py: {a.db}: no such store")
    guanxi = a.guanxi or os.path.join(subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT,
                                                     capture_output=True, text=True).stdout.strip(), "guanxi")
    work = a.work or tempfile.mkdtemp(prefix="guanxi-export-")
    os.makedirs(work, exist_ok=True)
    out = os.path.join(work, "guanxi.graphml")
    runs = [run_guanxi(guanxi, a.db, out) for _ in range(a.runs)]
    times = [t for t, _ in runs]
    print(f"guanxi export: {statistics.median(times):.2f} s ({min(times):.2f}-{max(times):.2f}) over {a.runs} runs, "
          f"peak {max(m for _, m in runs):.0f} MB, {os.path.getsize(out) / 1e6:.0f} MB file", flush=True)
    if a.skip_networkx:
        return
    import networkx as nx
    g = load_networkx(out)
    print(f"networkx graph: {g.number_of_nodes()} nodes, {g.number_of_edges()} edges (loaded, not timed)", flush=True)
    t = time.perf_counter()
    nx.write_graphml(g, os.path.join(work, "networkx.graphml"))
    seconds = time.perf_counter() - t
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"networkx.write_graphml: {seconds:.2f} s, process peak {peak:.0f} MB (graph held in memory)")
    print(f"ratio: guanxi is {seconds / statistics.median(times):.1f}x faster")


if __name__ == "__main__":
    main()
