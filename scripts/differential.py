#!/usr/bin/env python3
"""Differential check of Guanxi's query language against Kuzu, a real Cypher engine.

usage: differential.py [--guanxi BIN] [--db STORE] [--generated N] [--seed S]

Builds (or reuses) a store from seeds/, exports it as GraphML with Guanxi itself,
loads that graph into Kuzu (node table Entity(id, name, type, code), one relationship
table per relation with role, amount, amount_yuan, evidence, doc, rule), then runs
every Queries/*.cypher file and N generated queries on both engines and compares the
rows as multisets (lists inside rows compared as multisets too, since collect() order
is unspecified). Labels are written the Guanxi way, `(v:Village)`, and translated for
Kuzu into `(v:Entity {type: 'Village'})`.

Differences the documented semantics explain are reported and not counted:
- virtual properties Kuzu's copy does not have (mentions, documents, aliases, and the
  time and source properties first_reported, last_reported, reports, outlets, date),
- functions Kuzu spells differently and relationship lists (size(rels)),
- collect() over only nulls: Guanxi gives [] as openCypher specifies, Kuzu gives null.
Exit status 1 when any other difference is found.
"""
import argparse, json, os, random, re, shutil, subprocess, sys, tempfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TYPES = ["Person", "Province", "City", "District", "Town", "Village", "Community", "Company", "Organization", "Program", "Project"]
RELATIONS = ["leads", "member_of", "belongs_to", "funds"]
NS = "{http://graphml.graphdrawing.org/xmlns}"


def guanxi(binary, db, query, params):
    args = [binary, "query", "--db", db, "--format", "json", query]
    for k, v in params.items():
        args += ["--param", f"{k}={json.dumps(v, ensure_ascii=False)}"]
    p = subprocess.run(args, capture_output=True, text=True)
    if p.returncode != 0:
        return None, p.stderr.strip()
    rows = json.loads(p.stdout or "[]")
    return [list(r.values()) for r in rows], None


def load_graphml(path):
    keys, nodes, edges = {}, {}, []
    for _, el in ET.iterparse(path, events=("end",)):
        tag = el.tag.replace(NS, "")
        if tag == "key":
            keys[el.get("id")] = el.get("attr.name")
        elif tag == "node":
            nodes[el.get("id")] = {keys[d.get("key")]: d.text or "" for d in el if d.tag.endswith("data")}
            el.clear()
        elif tag == "edge":
            edges.append((el.get("source"), el.get("target"), {keys[d.get("key")]: d.text or "" for d in el if d.tag.endswith("data")}))
            el.clear()
    return nodes, edges


CSV_OPTIONS = "HEADER=false, PARALLEL=false, AUTO_DETECT=false, DELIM=',', QUOTE='\"', ESCAPE='\"'"


def kuzu_load(graphml, directory):
    import kuzu
    nodes, edges = load_graphml(graphml)
    db = kuzu.Database(os.path.join(directory, "kuzu"))
    conn = kuzu.Connection(db)
    conn.execute("CREATE NODE TABLE Entity(id INT64, name STRING, type STRING, code STRING, PRIMARY KEY(id))")
    for rel in RELATIONS:
        conn.execute(f"CREATE REL TABLE {rel}(FROM Entity TO Entity, role STRING, amount STRING, amount_yuan DOUBLE, evidence STRING, doc STRING, rule STRING)")
    import csv
    node_csv = os.path.join(directory, "nodes.csv")
    with open(node_csv, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        for nid, a in nodes.items():
            w.writerow([int(nid[1:]), a.get("label", ""), a.get("type", ""), a.get("code", "")])
    # The dialect is stated, not sniffed: Kuzu guesses it from the first rows, and when
    # those hold no quoted field it reads a later quoted line break as the end of a row.
    conn.execute(f"COPY Entity FROM '{node_csv}' ({CSV_OPTIONS})")
    for rel in RELATIONS:
        rel_csv = os.path.join(directory, f"{rel}.csv")
        n = 0
        with open(rel_csv, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            for s, o, a in edges:
                if a.get("relation") != rel:
                    continue
                n += 1
                w.writerow([int(s[1:]), int(o[1:]), a.get("role", ""), a.get("amount", ""), a.get("amount_yuan", ""), a.get("evidence", ""), a.get("doc", ""), a.get("rule", "")])
        if n:
            conn.execute(f"COPY {rel} FROM '{rel_csv}' ({CSV_OPTIONS})")
    # Empty strings from the CSV stand for missing values, as in Guanxi.
    for prop in ["code"]:
        conn.execute(f"MATCH (n:Entity) WHERE n.{prop} = '' SET n.{prop} = NULL")
    for rel in RELATIONS:
        for prop in ["role", "amount", "evidence", "doc", "rule"]:
            conn.execute(f"MATCH ()-[r:{rel}]->() WHERE r.{prop} = '' SET r.{prop} = NULL")
    return conn, len(nodes), len(edges)


LABEL = re.compile(r"\((\w*)\s*:\s*(" + "|".join(TYPES) + r")\s*(\{([^}]*)\})?\s*\)")


def to_kuzu(query):
    def node(m):
        var, label, props = m.group(1), m.group(2), m.group(4)
        inner = f"type: '{label}'" + (", " + props if props and props.strip() else "")
        return f"({var}:Entity {{{inner}}})"
    q = LABEL.sub(node, query)
    q = re.sub(r"\btype\((\w+)\)", r"label(\1)", q)
    # shortestPath((a)-[*..n]-(b)) is written (a)-[* SHORTEST 1..n]-(b) in Kuzu.
    q = re.sub(r"(allShortestPaths|shortestPath)\((\(.*?\))-\[\*(\d*)\.\.(\d+)\]-(\(.*?\))\)",
               lambda m: f"{m.group(2)}-[* {'ALL ' if m.group(1) == 'allShortestPaths' else ''}SHORTEST {m.group(3) or 1}..{m.group(4)}]-{m.group(5)}", q)
    # [x IN list | f(x)] is list_transform(list, x -> f(x)).
    q = re.sub(r"\[(\w+) IN ([^|\]]+?) \| ([^\]]+)\]", lambda m: f"list_transform({m.group(2)}, {m.group(1)} -> {m.group(3)})", q)
    q = re.sub(r"(?i)\b(leads|member_of|belongs_to|funds)\b", lambda m: m.group(1).lower(), q)
    return q.rstrip().rstrip(";")


UNEXPLAINED_SKIP = [
    (re.compile(r"\.(documents|mentions|aliases|first_reported|last_reported|reports|outlets|date)\b"), "virtual property Kuzu's copy of the graph does not have"),
    (re.compile(r"size\(rels\)|\brels\b"), "relationship lists differ in shape (Kuzu returns a recursive-relationship value)"),
]


def normalise(v):
    if isinstance(v, float):
        return round(v, 6) if v != int(v) else int(v)
    if isinstance(v, list):
        return tuple(sorted((normalise(x) for x in v), key=repr))
    if isinstance(v, dict):
        if "labels" in v and "properties" in v:
            return ("node", v["properties"].get("name"))
        return tuple(sorted((k, normalise(x)) for k, x in v.items()))
    return v


def kuzu_rows(conn, query, params):
    try:
        r = conn.execute(query, params)
    except Exception as e:
        return None, str(e).splitlines()[0]
    rows = []
    while r.has_next():
        row = r.get_next()
        rows.append([x if not isinstance(x, dict) else ("node", x.get("name")) if "_label" in x and "name" in x else x for x in row])
    return rows, None


def compare(a, b, collects=False):
    def norm(row):
        # collect() of only nulls: [] (openCypher) and null (Kuzu) are the same answer.
        return tuple(() if collects and x is None else normalise(x) for x in row)
    ca = sorted((norm(row) for row in a), key=repr)
    cb = sorted((norm(row) for row in b), key=repr)
    return ca == cb


def generated(conn, count, seed):
    """Queries over the graph's own vocabulary: patterns by type and relation, counts,
    string predicates, aggregation and variable length."""
    rnd = random.Random(seed)
    names = [r[0] for r in conn.execute("MATCH (n:Entity) RETURN n.name").get_all() if r[0]]
    out = []
    templates = [
        lambda: f"MATCH (a:{rnd.choice(TYPES)})-[r:{rnd.choice(RELATIONS)}]->(b:{rnd.choice(TYPES)}) RETURN a.name AS a, b.name AS b",
        lambda: f"MATCH (a:{rnd.choice(TYPES)})-[r:{rnd.choice(RELATIONS)}]->(b) RETURN b.type AS t, count(*) AS c",
        lambda: f"MATCH (a)-[r:{rnd.choice(RELATIONS)}]->(b:{rnd.choice(TYPES)}) WHERE r.role IS NOT NULL RETURN a.name AS a, r.role AS role",
        lambda: f"MATCH (a:{rnd.choice(TYPES)}) WHERE a.name STARTS WITH '{rnd.choice(names)[:1]}' RETURN a.name AS n",
        lambda: f"MATCH (a:{rnd.choice(TYPES)}) WHERE a.name CONTAINS '{rnd.choice(names)[1:2] or 'x'}' RETURN count(*) AS c",
        lambda: f"MATCH (a)-[:belongs_to*1..{rnd.randint(1, 4)}]->(b:{rnd.choice(['Town', 'District', 'City', 'Province'])}) RETURN b.name AS b, count(*) AS c",
        lambda: f"MATCH (a:{rnd.choice(TYPES)})-[:{rnd.choice(RELATIONS)}|{rnd.choice(RELATIONS)}]->(b) RETURN DISTINCT b.name AS b",
        lambda: f"MATCH (a:{rnd.choice(TYPES)}) OPTIONAL MATCH (a)-[:{rnd.choice(RELATIONS)}]->(b) RETURN a.name AS a, b.name AS b",
        lambda: f"MATCH (a:{rnd.choice(TYPES)})<-[r]-(b) RETURN label(r) AS rel, count(*) AS c".replace("label(r)", "type(r)"),
        lambda: f"MATCH (a:{rnd.choice(TYPES)}) WITH a.name AS n WHERE n IN ['{rnd.choice(names)}', '{rnd.choice(names)}'] RETURN n",
        lambda: f"MATCH (a)-[r:funds]->(b) WHERE r.amount_yuan > {rnd.choice([0, 1e6, 1e8])} RETURN a.name AS a, r.amount_yuan AS y",
        lambda: f"MATCH (p:Person)-[r:leads|member_of]->(u) WITH p, count(r) AS c WHERE c >= {rnd.randint(1, 2)} RETURN p.name AS p, c",
        lambda: f"MATCH (a:{rnd.choice(TYPES)}) RETURN a.name AS n ORDER BY n LIMIT {rnd.randint(1, 5)}",
        lambda: f"UNWIND ['{rnd.choice(names)}', '{rnd.choice(names)}'] AS x MATCH (a {{name: x}}) RETURN x, a.type AS t",
        lambda: f"MATCH (a:{rnd.choice(TYPES)})-[:{rnd.choice(RELATIONS)}]->(m)-[:belongs_to]->(b) RETURN a.name AS a, b.name AS b",
        lambda: f"MATCH (a:{rnd.choice(TYPES)}) WHERE a.name =~ '.*{rnd.choice(names)[-1:]}' RETURN count(*) AS c",
        lambda: f"MATCH (a:{rnd.choice(TYPES)}) RETURN count(*) AS c UNION ALL MATCH (b:{rnd.choice(TYPES)}) RETURN count(*) AS c",
        lambda: f"MATCH (a:{rnd.choice(TYPES)}) WHERE NOT a.name ENDS WITH '{rnd.choice(names)[-1:]}' AND a.code IS NULL RETURN count(*) AS c",
        lambda: f"MATCH p = shortestPath((a {{name: '{rnd.choice(names)}'}})-[*..{rnd.randint(2, 5)}]-(b:{rnd.choice(TYPES)})) RETURN b.name AS b, length(p) AS l",
        lambda: f"MATCH p = allShortestPaths((a:{rnd.choice(TYPES)})-[*..3]-(b {{name: '{rnd.choice(names)}'}})) RETURN a.name AS a, length(p) AS l, count(*) AS c",
        lambda: f"MATCH p = (a:{rnd.choice(TYPES)})-[:{rnd.choice(RELATIONS)}]->(b)-[:belongs_to*0..2]->(c) RETURN length(p) AS l, count(*) AS c",
        lambda: f"MATCH (a:{rnd.choice(TYPES)}) RETURN a.name AS n, [x IN range(1, {rnd.randint(1, 4)}) | x * 2] AS l",
    ]
    while len(out) < count:
        out.append(rnd.choice(templates)())
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--guanxi", default=os.path.join(ROOT, ".build", "debug", "guanxi"))
    ap.add_argument("--db")
    ap.add_argument("--generated", type=int, default=220)
    ap.add_argument("--seed", type=int, default=20240601)
    a = ap.parse_args()
    try:
        import kuzu  # noqa: F401
    except ImportError:
        print("skipped: kuzu is not installed (pip install kuzu==0.11.3); CI installs it")
        return 0
    work = tempfile.mkdtemp(prefix="guanxi-diff-")
    db = a.db
    if not db:
        db = os.path.join(work, "seeds.db")
        subprocess.run([a.guanxi, "build", os.path.join(ROOT, "seeds"), "--db", db], check=True, capture_output=True)
    graphml = os.path.join(work, "g.graphml")
    subprocess.run([a.guanxi, "export", "--graphml", graphml, "--db", db], check=True, capture_output=True)
    conn, n_nodes, n_edges = kuzu_load(graphml, work)
    print(f"graph: {n_nodes} nodes, {n_edges} relationships in both engines")

    cases = []
    qdir = os.path.join(ROOT, "Queries")
    for f in sorted(os.listdir(qdir)):
        if f.endswith(".cypher"):
            text = open(os.path.join(qdir, f), encoding="utf-8").read()
            params = {}
            for line in text.splitlines():
                m = re.match(r"// param: (\w+)=(.*)", line)
                if m:
                    params[m.group(1)] = json.loads(m.group(2))
            body = "\n".join(l for l in text.splitlines() if not l.lstrip().startswith("//"))
            cases.append((f, body, params))
    for i, q in enumerate(generated(conn, a.generated, a.seed)):
        cases.append((f"generated #{i + 1}", q, {}))

    same = explained = different = 0
    for name, query, params in cases:
        reason = next((why for rx, why in UNEXPLAINED_SKIP if rx.search(query)), None)
        ours, our_error = guanxi(a.guanxi, db, query, params)
        theirs, their_error = kuzu_rows(conn, to_kuzu(query), params)
        if reason:
            explained += 1
            continue
        if our_error and their_error:
            explained += 1
            print(f"both refuse {name}: {our_error.splitlines()[0]} | {their_error}")
            continue
        if our_error or their_error or not compare(ours, theirs, collects="collect(" in query):
            different += 1
            print(f"DIFFERENT {name}\n  query: {query}\n  kuzu:  {to_kuzu(query)}\n  guanxi: {our_error or ours[:5]}\n  kuzu:   {their_error or theirs[:5]}")
        else:
            same += 1
    print(f"differential: {same} same, {explained} explained by documented semantics, {different} different, {len(cases)} queries")
    shutil.rmtree(work, ignore_errors=True)
    return 1 if different else 0


if __name__ == "__main__":
    sys.exit(main())
