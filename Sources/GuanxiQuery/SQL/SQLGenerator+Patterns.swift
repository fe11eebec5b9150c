/// The SQL a set of patterns adds: tables, conditions, and the variables they bind.
struct PatternSQL {
    var from: [String] = []
    var conditions: [String] = []
    var bound: [(name: String, sql: String, kind: ValueKind)] = []
}

extension SQLGenerator {
    /// MATCH: every row of the input joined with every match of the patterns.
    mutating func match(_ previous: Stage, _ patterns: [PathPattern], _ predicate: Expression?) throws -> Stage {
        let s = fresh("s")
        let ctx = context(previous.scope, alias: s)
        // A variable-length walk from a node bound earlier starts only at those nodes.
        let p = try compilePatterns(patterns, ctx, boundStarts: boundStarts(previous))
        var inner = ctx
        for b in p.bound { inner[b.name] = (b.sql, b.kind) }
        var conditions = p.conditions
        if let predicate { conditions.append(try condition(predicate, inner)) }
        var scope = previous.scope
        var columns = ["\(s).*"]
        for b in p.bound {
            let c = fresh("v")
            scope.bind(b.name, kind: b.kind, column: c)
            columns.append("\(b.sql) AS \(c)")
        }
        let sql = "SELECT \(columns.joined(separator: ", ")) FROM \((["(\(previous.sql)) AS \(s)"] + p.from).joined(separator: ", "))"
            + (conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND "))
        return Stage(sql: sql, scope: scope)
    }

    /// For each node variable of the input, a subquery of its ids.
    mutating func boundStarts(_ previous: Stage) -> [String: String] {
        var starts: [String: String] = [:]
        for v in previous.scope.variables where v.kind == .node {
            let x = fresh("s")
            starts[v.name] = "SELECT \(x).\(v.column) FROM (\(previous.sql)) AS \(x)"
        }
        return starts
    }

    /// OPTIONAL MATCH: the input rows left-joined with the matches; a row with no match
    /// keeps nulls for the new variables.
    mutating func optionalMatch(_ previous: Stage, _ patterns: [PathPattern], _ predicate: Expression?) throws -> Stage {
        let s = fresh("s"), m = fresh("m")
        let outer = context(previous.scope, alias: s)
        // Inside the subquery every pattern variable is free; bound ones are joined on,
        // and a variable-length walk from one starts only at the input's nodes.
        let p = try compilePatterns(patterns, [:], boundStarts: boundStarts(previous))
        var innerColumns: [String] = []
        var onConditions: [String] = []
        var scope = previous.scope
        var newColumns: [String] = ["\(s).*"]
        var mapped: Context = outer
        for b in p.bound {
            let c = fresh("v")
            innerColumns.append("\(b.sql) AS \(c)")
            if let existing = outer[b.name] {
                let given = isPostgres && existing.kind == .any && b.kind != .any ? pgEntityID(existing.sql) : existing.sql
                onConditions.append("\(m).\(c) = \(given)")
            } else {
                mapped[b.name] = ("\(m).\(c)", b.kind)
                let out = fresh("v")
                scope.bind(b.name, kind: b.kind, column: out)
                newColumns.append("\(m).\(c) AS \(out)")
            }
        }
        if innerColumns.isEmpty { innerColumns = ["1 AS _one"] }
        if let predicate { onConditions.append(try condition(predicate, mapped)) }
        let inner = "SELECT \(innerColumns.joined(separator: ", ")) FROM \(p.from.isEmpty ? "(SELECT 1) AS one" : p.from.joined(separator: ", "))"
            + (p.conditions.isEmpty ? "" : " WHERE " + p.conditions.joined(separator: " AND "))
        let sql = "SELECT \(newColumns.joined(separator: ", ")) FROM (\(previous.sql)) AS \(s) LEFT JOIN (\(inner)) AS \(m) ON \(onConditions.isEmpty ? dialect.trueLiteral : onConditions.joined(separator: " AND "))"
        return Stage(sql: sql, scope: scope)
    }

    /// A WHERE predicate as a condition of the backend's SQL.
    mutating func condition(_ predicate: Expression, _ ctx: Context) throws -> String {
        let (sql, kind) = try expression(predicate, ctx)
        return isPostgres ? try pgCondition(sql, kind, predicate) : sql
    }

    /// Tables, conditions and new variables for the patterns of one MATCH. `boundStarts`
    /// gives, for node variables bound earlier, a subquery of their ids, where
    /// variable-length walks may begin.
    mutating func compilePatterns(_ patterns: [PathPattern], _ ctx: Context, boundStarts: [String: String] = [:]) throws -> PatternSQL {
        var ctx = ctx
        if isPostgres {
            // A variable whose kind only the data knows (`WITH null AS a MATCH (a)`) stands
            // for a node or relationship by its id.
            for path in patterns {
                for (name, kind) in path.nodes.compactMap({ $0.variable.map { ($0, ValueKind.node) } })
                    + path.relationships.filter({ $0.length == nil }).compactMap({ $0.variable.map { ($0, ValueKind.relationship) } }) {
                    if let v = ctx[name], v.kind == .any { ctx[name] = (pgEntityID(v.sql), kind) }
                }
            }
        }
        var out = PatternSQL()
        var nodeRef: [String: String] = [:]
        var singleHops: [String] = []
        var walks: [String] = []
        func ref(of node: NodePattern) -> String? {
            guard let v = node.variable else { return nil }
            if let r = nodeRef[v] { return r }
            if let c = ctx[v] { return c.sql }
            return nil
        }
        func assign(_ node: NodePattern, _ sql: String, _ anonymous: inout [Int: String], _ index: Int) {
            if let v = node.variable {
                if let existing = nodeRef[v] ?? ctx[v]?.sql {
                    out.conditions.append("\(existing) = \(sql)")
                } else {
                    nodeRef[v] = sql
                    out.bound.append((v, sql, .node))
                }
            } else if let existing = anonymous[index] {
                out.conditions.append("\(existing) = \(sql)")
            } else {
                anonymous[index] = sql
            }
        }
        for path in patterns {
            var anonymous: [Int: String] = [:]
            // A path variable's steps: `,rel,node,` text per relationship, in walking order.
            var steps: [String] = []
            defer {
                if let v = path.variable, let start = path.nodes[0].variable.flatMap({ nodeRef[$0] ?? ctx[$0]?.sql }) ?? anonymous[0] {
                    let parts = ([start] + steps).joined(separator: ", ")
                    out.bound.append((v, isPostgres ? "gx_path(VARIADIC ARRAY[(\(start))::text\(steps.map { ", " + $0 }.joined())])" : "gx_path(\(parts))", .path))
                }
            }
            if path.relationships.isEmpty {
                let node = path.nodes[0]
                if let r = ref(of: node) {
                    try nodeConditions(node, r, &out, ctx, nodeRef)
                } else if let label = node.labels.first, let id = termID(label), vocabulary.labels.contains(label) {
                    // A labelled node is read from the label's index, not from every node.
                    let n = fresh("n")
                    out.from.append("node_labels AS \(n)")
                    out.conditions.append("\(n).label = \(id)")
                    assign(node, "\(n).node", &anonymous, 0)
                    try nodeConditions(node, "\(n).node", &out, ctx, nodeRef, scannedLabel: label)
                } else {
                    let n = fresh("n")
                    out.from.append("nodes AS \(n)")
                    assign(node, "\(n).id", &anonymous, 0)
                    try nodeConditions(node, "\(n).id", &out, ctx, nodeRef)
                }
                continue
            }
            for (i, rel) in path.relationships.enumerated() {
                let a = path.nodes[i], b = path.nodes[i + 1]
                let typeIDs = try relationTypeIDs(rel)
                if rel.length == nil {
                    let t = fresh("t")
                    let table = rel.direction == .either
                        ? "(SELECT id, s, o, p FROM triples UNION ALL SELECT id, o, s, p FROM triples WHERE s <> o)"
                        : "triples"
                    out.from.append("\(table) AS \(t)")
                    let (src, dst) = rel.direction == .incoming ? ("\(t).o", "\(t).s") : ("\(t).s", "\(t).o")
                    if let ids = typeIDs { out.conditions.append(ids.isEmpty ? dialect.falseLiteral : "\(t).p IN (\(ids.map(String.init).joined(separator: ", ")))") }
                    assign(a, src, &anonymous, i)
                    assign(b, dst, &anonymous, i + 1)
                    if let v = rel.variable {
                        if let existing = ctx[v] { out.conditions.append("\(t).id = \(existing.sql)") } else { out.bound.append((v, "\(t).id", .relationship)) }
                    }
                    for (key, value) in rel.properties {
                        let v = try expression(value, ctx.merging(nodeRef.mapValues { (sql: $0, kind: ValueKind.node) }) { x, _ in x })
                        out.conditions.append(isPostgres ? pgComparison("=", (pgEdgeProperty("\(t).id", key), .any), v) : "\(edgeProperty("\(t).id", key)) = \(v.sql)")
                    }
                    steps.append("',' || \(t).id || ',' || \(dst) || ','")
                    for other in singleHops { out.conditions.append("\(other).id <> \(t).id") }
                    for w in walks { out.conditions.append("instr(\(w).trail, ',' || \(t).id || ',') = 0") }
                    singleHops.append(t)
                } else {
                    let w = fresh("w")
                    // A start node with labels or properties of its own seeds the walk, so
                    // it does not begin at every node of the graph.
                    // The walk's rows are computed whole, before any join: it starts from the
                    // end the pattern restricts more (ids bound by an earlier clause, then a
                    // property, then a label) and, from the far end, runs backwards.
                    func seedConditions(_ node: NodePattern, isNew: Bool) throws -> (rank: Int, conditions: [String: [String]]) {
                        var seed: [String: [String]] = [:]
                        if let v = node.variable, nodeRef[v] == nil, let ids = boundStarts[v] {
                            for column in ["triples.s", "triples.o", "nodes.id"] { seed[column] = ["\(column) IN (\(ids))"] }
                            return (3, seed)
                        }
                        guard isNew, !node.labels.isEmpty || !node.properties.isEmpty else { return (0, [:]) }
                        for column in ["triples.s", "triples.o", "nodes.id"] { seed[column] = try conditions(of: node, column, ctx) }
                        return (node.properties.isEmpty ? 1 : 2, seed)
                    }
                    let fromStart = try seedConditions(a, isNew: ref(of: a) == nil && anonymous[i] == nil)
                    let fromEnd = try seedConditions(b, isNew: ref(of: b) == nil && anonymous[i + 1] == nil)
                    // Walking backwards keeps the relationships' set, not their order: not
                    // for a path or a relationship list the query reads, nor for the fewest hops.
                    let canReverse = path.variable == nil && rel.variable == nil && path.shortest == nil
                    let reverse = canReverse && fromEnd.rank > fromStart.rank
                    let walkSQL = try walk(rel, typeIDs, seed: reverse ? fromEnd.conditions : fromStart.conditions, steps: path.variable != nil, reverse: reverse)
                    steps.append("\(w).steps")
                    // Every relationship of the walk must carry the pattern's properties.
                    let trail = isPostgres
                        ? "('[' || substr(\(w).trail, 2, greatest(length(\(w).trail) - 2, 0)) || ']')::jsonb"
                        : "('[' || substr(\(w).trail, 2, max(length(\(w).trail) - 2, 0)) || ']')"
                    var trailConditions: [String] = []
                    for (key, value) in rel.properties {
                        let v = try expression(value, ctx.merging(nodeRef.mapValues { (sql: $0, kind: ValueKind.node) }) { x, _ in x })
                        let e = fresh("e")
                        if isPostgres {
                            let equal = pgComparison("=", (pgEdgeProperty("(\(e).value)::bigint", key), .any), v)
                            trailConditions.append("NOT EXISTS (SELECT 1 FROM jsonb_array_elements(\(trail)) AS \(e)(value) WHERE (\(equal)) IS NOT TRUE)")
                        } else {
                            trailConditions.append("NOT EXISTS (SELECT 1 FROM json_each(\(trail)) AS \(e) WHERE (\(edgeProperty("\(e).value", key)) = \(v.sql)) IS NOT 1)")
                        }
                    }
                    if let shortest = path.shortest {
                        // The fewest hops between each pair of ends: one walk, or every walk that short.
                        let rank = shortest == .one ? "ROW_NUMBER()" : "RANK()"
                        let filter = trailConditions.isEmpty ? "" : " WHERE " + trailConditions.joined(separator: " AND ")
                        out.from.append("(SELECT * FROM (SELECT \(w).*, \(rank) OVER (PARTITION BY \(w).start, \(w).node ORDER BY \(w).hops) AS gx_rank FROM (\(walkSQL)) AS \(w)\(filter)) AS \(w)r WHERE gx_rank = 1) AS \(w)")
                    } else {
                        out.from.append("(\(walkSQL)) AS \(w)")
                        out.conditions += trailConditions
                    }
                    assign(a, "\(w).start", &anonymous, i)
                    assign(b, "\(w).node", &anonymous, i + 1)
                    if let v = rel.variable, let given = ctx[v] {
                        // The walk must be exactly the given list, in its order.
                        let e = fresh("e")
                        if isPostgres {
                            out.conditions.append("\(w).trail = (',' || (SELECT string_agg(\(e).value::text, ',' ORDER BY \(e).o) FROM jsonb_array_elements(\(given.sql)) WITH ORDINALITY AS \(e)(value, o)) || ',')")
                        } else {
                            out.conditions.append("\(w).trail = (',' || (SELECT group_concat(\(e).value, ',') FROM (SELECT value FROM json_each(\(given.sql)) ORDER BY key) AS \(e)) || ',')")
                        }
                    } else if let v = rel.variable {
                        out.bound.append((v, trail, .list(.relationship)))
                    }
                    for other in singleHops { out.conditions.append("instr(\(w).trail, ',' || \(other).id || ',') = 0") }
                    walks.append(w)
                }
            }
            for (i, node) in path.nodes.enumerated() {
                let r = node.variable.flatMap { nodeRef[$0] ?? ctx[$0]?.sql } ?? anonymous[i]
                if let r { try nodeConditions(node, r, &out, ctx, nodeRef) }
            }
        }
        return out
    }

    /// Label and property conditions of a node pattern.
    /// `scannedLabel` is a label the node was read from, which needs no test.
    mutating func nodeConditions(_ node: NodePattern, _ ref: String, _ out: inout PatternSQL, _ ctx: Context, _ nodeRef: [String: String], scannedLabel: String? = nil) throws {
        var full = ctx
        for (k, v) in nodeRef { full[k] = (v, .node) }
        out.conditions += try conditions(of: node, ref, full, scannedLabel: scannedLabel)
    }

    /// The conditions a node pattern puts on the node at `ref`.
    mutating func conditions(of node: NodePattern, _ ref: String, _ ctx: Context, scannedLabel: String? = nil) throws -> [String] {
        var out: [String] = []
        for label in node.labels where label != scannedLabel {
            if let id = termID(label), vocabulary.labels.contains(label) {
                out.append("EXISTS (SELECT 1 FROM node_labels WHERE node = \(ref) AND label = \(id))")
            } else {
                out.append(dialect.falseLiteral)
            }
        }
        for (key, value) in node.properties {
            if isPostgres {
                out.append(try pgPropertyCondition(node: ref, key, value, ctx))
                continue
            }
            let (sql, _) = try expression(value, ctx)
            out.append("\(nodeProperty(ref, key).sql) = \(sql)")
        }
        return out
    }

    /// The stored ids of a relationship pattern's types; nil for any type.
    func relationTypeIDs(_ rel: RelationshipPattern) throws -> [Int64]? {
        guard !rel.types.isEmpty else { return nil }
        return rel.types.compactMap { vocabulary.relationType($0).flatMap(termID) }
    }

    /// A recursive walk for a variable-length pattern: rows (start, node, hops, trail),
    /// where trail lists the relationships used, each at most once; with `steps`, also
    /// the relationships and the nodes they reach, in order (`,r1,n1,r2,n2,`), for a
    /// path variable. `seed` holds, by start column, conditions that restrict where
    /// walks begin.
    /// With `reverse`, the walk starts at the far end and follows relationships backwards
    /// (`seed` then restricts where walks end); its rows are the same, and its trail
    /// holds the same relationships in the opposite order.
    func walk(_ rel: RelationshipPattern, _ typeIDs: [Int64]?, seed: [String: [String]] = [:], steps withSteps: Bool = false, reverse: Bool = false) throws -> String {
        guard let length = rel.length else { return "" }
        let upper = length.max ?? defaultMaxHops
        if upper < length.min { return "SELECT 0 AS start, 0 AS node, 0 AS hops, ',' AS trail, ',' AS steps WHERE \(dialect.falseLiteral)" }
        if upper > maxHops {
            throw QueryError(.limit, "a variable-length pattern may span at most \(maxHops) relationships; *\(length.min)..\(upper) asks for more", at: rel.position, in: source)
        }
        if length.min > maxHops {
            throw QueryError(.limit, "a variable-length pattern may span at most \(maxHops) relationships", at: rel.position, in: source)
        }
        let typeFilter = { (column: String) -> String in
            guard let ids = typeIDs else { return self.dialect.trueLiteral }
            return ids.isEmpty ? self.dialect.falseLiteral : "\(column) IN (\(ids.map(String.init).joined(separator: ", ")))"
        }
        var seeds: [String] = []
        var steps: [String] = []
        let directions: [(String, String)]
        switch rel.direction {
        case .outgoing: directions = [("s", "o")]
        case .incoming: directions = [("o", "s")]
        case .either: directions = [("s", "o"), ("o", "s")]
        }
        // PostgreSQL reads the recursive table once per step: both directions in one join.
        let bothDirectionsInOneStep = isPostgres && directions.count == 2
        for (i, (forwardFrom, forwardTo)) in directions.enumerated() {
            let (from, to) = reverse ? (forwardTo, forwardFrom) : (forwardFrom, forwardTo)
            let loopGuard = i == 1 ? " AND s <> o" : ""
            let start = seed["triples.\(from)"].map { $0.isEmpty ? "" : " AND " + $0.joined(separator: " AND ") } ?? ""
            let firstStep = withSteps ? ", ',' || id || ',' || \(to) || ','" : ""
            let nextStep = withSteps ? ", w.steps || t.id || ',' || t.\(to) || ','" : ""
            seeds.append("SELECT \(from), \(to), 1, ',' || id || ','\(firstStep) FROM triples WHERE \(typeFilter("p"))\(loopGuard)\(start)")
            if !bothDirectionsInOneStep {
                steps.append("SELECT w.start, t.\(to), w.hops + 1, w.trail || t.id || ','\(nextStep) FROM w JOIN triples t ON t.\(from) = w.node WHERE w.hops < \(upper) AND \(typeFilter("t.p")) AND instr(w.trail, ',' || t.id || ',') = 0")
            }
        }
        if bothDirectionsInOneStep {
            let (from, to) = ("f", "x")
            let both = "(SELECT id, s AS f, o AS x, p FROM triples UNION ALL SELECT id, o, s, p FROM triples WHERE s <> o)"
            let nextStep = withSteps ? ", w.steps || t.id || ',' || t.\(to) || ','" : ""
            steps = ["SELECT w.start, t.\(to), w.hops + 1, w.trail || t.id || ','\(nextStep) FROM w JOIN \(both) AS t ON t.\(from) = w.node WHERE w.hops < \(upper) AND \(typeFilter("t.p")) AND instr(w.trail, ',' || t.id || ',') = 0"]
        }
        let stepColumn = withSteps ? ", steps" : ""
        let ends = reverse ? "node AS start, start AS node" : "start, node"
        let seedSQL = isPostgres && seeds.count > 1 ? "SELECT * FROM (\(seeds.joined(separator: " UNION ALL "))) AS seeds" : seeds.joined(separator: " UNION ALL ")
        var sql = "WITH RECURSIVE w(start, node, hops, trail\(stepColumn)) AS (\(seedSQL) UNION ALL \(steps.joined(separator: " UNION ALL "))) SELECT \(ends), hops, trail\(stepColumn) FROM w WHERE hops >= \(max(1, length.min))"
        let zeroStart = seed["nodes.id"].map { $0.isEmpty ? "" : " WHERE " + $0.joined(separator: " AND ") } ?? ""
        let noSteps = withSteps ? ", ',' AS steps" : ""
        if upper == 0 { sql = "SELECT id AS start, id AS node, 0 AS hops, ',' AS trail\(noSteps) FROM nodes\(zeroStart)" }
        else if length.min == 0 { sql += " UNION ALL SELECT id, id, 0, ','\(withSteps ? ", ','" : "") FROM nodes\(zeroStart)" }
        return sql
    }
}

