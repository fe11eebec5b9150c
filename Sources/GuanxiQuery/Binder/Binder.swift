/// Checks names and scopes and builds the logical plan: every variable used is bound
/// earlier, aggregates stand only in RETURN and WITH, and labels, relation types and
/// properties the store does not hold are reported (with a suggestion) while the query
/// still runs, matching nothing, as in other Cypher-like engines.
struct Binder {
    let source: QuerySource
    let vocabulary: Vocabulary
    var warnings: [String] = []

    init(source: QuerySource, vocabulary: Vocabulary) {
        self.source = source
        self.vocabulary = vocabulary
    }

    static let aggregates: Set<String> = ["count", "sum", "min", "max", "avg", "collect", "stdev", "stdevp", "percentilecont", "percentiledisc"]

    mutating func bind(_ ast: QueryAST) throws -> LogicalOperator {
        var parts: [LogicalOperator] = []
        var columns: [String]?
        for clauses in ast.parts {
            let (plan, names) = try bindSingle(clauses)
            if let columns, columns != names {
                throw QueryError(.semantic, "every part of a UNION must return the same columns: \(columns.joined(separator: ", ")) vs \(names.joined(separator: ", "))")
            }
            columns = names
            parts.append(plan)
        }
        return parts.count == 1 ? parts[0] : .union(parts, all: ast.unionAll)
    }

    func error(_ message: String, _ position: SourcePosition?) -> QueryError {
        QueryError(.semantic, message, at: position, in: source)
    }

    mutating func bindSingle(_ clauses: [Clause]) throws -> (LogicalOperator, [String]) {
        var plan = LogicalOperator.unit
        var names: [String: ValueKind] = [:]
        var returned: [String] = []
        for (i, clause) in clauses.enumerated() {
            switch clause {
            case .match(let optional, let patterns, let predicate, _):
                var relationshipsHere = Set<String>()
                for p in patterns {
                    for n in p.nodes {
                        for l in n.labels where !vocabulary.labels.contains(l) {
                            warn("unknown label :\(l)", suggestion: Vocabulary.suggestion(for: l, among: vocabulary.labels), n.position)
                        }
                        if let v = n.variable {
                            if let k = names[v], k != .node && k != .any { throw error("‘\(v)’ is a \(k), not a node", n.position) }
                            names[v] = .node
                        }
                        for (_, e) in n.properties { try check(e, names, aggregatesAllowed: false) }
                    }
                    for r in p.relationships {
                        for t in r.types where vocabulary.relationType(t) == nil {
                            warn("unknown relation type :\(t)", suggestion: Vocabulary.suggestion(for: t, among: vocabulary.relationTypes), r.position)
                        }
                        if let v = r.variable {
                            let kind: ValueKind = r.length == nil ? .relationship : .list(.relationship)
                            guard relationshipsHere.insert(v).inserted else {
                                throw error("‘\(v)’ stands for two relationships of one MATCH; a match never uses a relationship twice", r.position)
                            }
                            // A list of relationships bound earlier must be walked as it is.
                            if let bound = names[v], r.length != nil, bound == .list(.relationship) || bound == .list(.any) || bound == .any {
                                for (_, e) in r.properties { try check(e, names, aggregatesAllowed: false) }
                                continue
                            }
                            if let bound = names[v], bound != kind || r.length != nil {
                                throw error("‘\(v)’ is already bound as a \(bound); a relationship variable cannot be bound again here", r.position)
                            }
                            names[v] = kind
                        }
                        for (_, e) in r.properties { try check(e, names, aggregatesAllowed: false) }
                    }
                    if let v = p.variable {
                        if let bound = names[v] { throw error("‘\(v)’ is already bound as a \(bound); a path variable must be new", p.nodes[0].position) }
                        names[v] = .path
                    }
                }
                if let predicate { try checkPredicate(predicate, names) }
                plan = .match(input: plan, patterns: patterns, optional: optional, predicate: predicate)
            case .unwind(let list, let alias, _):
                try check(list, names, aggregatesAllowed: false)
                names[alias] = .any
                plan = .unwind(input: plan, list: list, alias: alias)
            case .with(let projection, var predicate):
                let (next, aggregates) = try bindProjection(projection, names)
                // `WITH DISTINCT n.x AS x WHERE n.x = 1` reads the projected `n.x`, that is `x`.
                if let p = predicate, aggregates || projection.distinct {
                    var projected: [String: String] = [:]
                    for item in projection.items { projected[Self.shape(item.expression)] = item.alias ?? item.text }
                    predicate = Self.replacing(p) { e in projected[Self.shape(e)].map { .variable($0, Self.position(of: e) ?? projection.position) } }
                }
                // Without aggregation or DISTINCT, WITH … WHERE may still see the variables
                // the projection drops: they ride along until the filter, then go.
                var carried: [String] = []
                if let predicate, !aggregates, !projection.distinct {
                    let used = Self.variableNames(in: predicate)
                    carried = names.keys.filter { next[$0] == nil && used.contains($0) }.sorted()
                }
                if let predicate, !carried.isEmpty {
                    var widened = projection
                    widened.items += carried.map { ProjectionItem(expression: .variable($0, projection.position), alias: nil, text: $0, position: projection.position) }
                    var visible = next
                    for v in carried { visible[v] = names[v] }
                    try checkPredicate(predicate, visible)
                    plan = .filter(input: .project(input: plan, projection: widened, aggregates: false, final: false), predicate: predicate)
                    var narrow = Projection(position: projection.position)
                    narrow.items = next.keys.sorted().map { ProjectionItem(expression: .variable($0, projection.position), alias: nil, text: $0, position: projection.position) }
                    plan = .project(input: plan, projection: narrow, aggregates: false, final: false)
                    names = next
                } else {
                    plan = .project(input: plan, projection: projection, aggregates: aggregates, final: false)
                    names = next
                    if let predicate {
                        try checkPredicate(predicate, names)
                        plan = .filter(input: plan, predicate: predicate)
                    }
                }
            case .returns(let projection):
                guard i == clauses.count - 1 else { throw error("RETURN must end the query", projection.position) }
                let (next, aggregates) = try bindProjection(projection, names)
                plan = .project(input: plan, projection: projection, aggregates: aggregates, final: true)
                returned = projection.star ? names.keys.sorted() : projection.items.map { $0.alias ?? $0.text }
                _ = next
            }
        }
        guard case .project(_, _, _, true) = plan else {
            throw QueryError(.syntax, "a query must end with RETURN", at: SourcePosition(offset: source.scalars.count, line: max(1, source.lines.count), column: (source.lines.last?.unicodeScalars.count ?? 0) + 1), in: source)
        }
        return (plan, returned)
    }

    mutating func bindProjection(_ p: Projection, _ names: [String: ValueKind]) throws -> ([String: ValueKind], Bool) {
        var next: [String: ValueKind] = p.star ? names : [:]
        var aggregates = false
        for item in p.items {
            if case .patternPredicate = item.expression {
                throw error("a pattern may only stand in WHERE, as a condition, not as a column", item.position)
            }
            try check(item.expression, names, aggregatesAllowed: true)
            if Self.containsAggregate(item.expression) { aggregates = true }
            var kind = Self.evidentKind(item.expression)
            if case .variable(let v, _) = item.expression, let k = names[v] { kind = k }
            let name = item.alias ?? item.text
            guard p.star || next[name] == nil else {
                throw error("the column ‘\(name)’ is projected twice; give one another name with AS", item.position)
            }
            next[name] = kind
        }
        if p.star && names.isEmpty { throw error("RETURN * needs at least one variable in scope", p.position) }
        var visible = names
        for (k, v) in next { visible[k] = v }
        for (e, _) in p.order { try check(e, visible, aggregatesAllowed: true) }
        if aggregates || p.distinct { try checkGrouping(p, next) }
        if !aggregates, let call = p.order.lazy.flatMap({ Self.aggregateCalls(in: $0.0) }).first {
            throw error("ORDER BY cannot aggregate when the projection does not; compute the aggregate in the projection and sort by its name", Self.position(of: call) ?? p.position)
        }
        for e in [p.skip, p.limit].compactMap({ $0 }) { try checkConstant(e) }
        return (next, aggregates)
    }

    /// SKIP and LIMIT take a non-negative integer: a literal, a parameter, or an
    /// expression that reads no variables (checked when it runs).
    mutating func checkConstant(_ e: Expression) throws {
        switch e {
        case .literal(.integer(let v)) where v >= 0: return
        case .parameter: return
        case .literal(let l): throw QueryError(.semantic, "SKIP and LIMIT take a non-negative integer, not \(l)")
        case .unary("-", .literal, _): throw QueryError(.semantic, "SKIP and LIMIT take a non-negative integer")
        default:
            guard Self.variableNames(in: e).isEmpty else {
                throw QueryError(.semantic, "SKIP and LIMIT take an expression that reads no variables", at: Self.position(of: e), in: source)
            }
            try check(e, [:], aggregatesAllowed: false)
        }
    }

    static func containsAggregate(_ e: Expression) -> Bool {
        if case .countStar = e { return true }
        if case .function(let name, _, _, _) = e, aggregates.contains(name.lowercased()) { return true }
        return children(of: e).contains(where: containsAggregate)
    }

    mutating func warn(_ message: String, suggestion: String?, _ position: SourcePosition) {
        var text = "warning: \(message) (query:\(position.line):\(position.column)); it matches nothing"
        if let suggestion { text += "; did you mean ‘\(suggestion)’?" }
        if !warnings.contains(text) { warnings.append(text) }
    }

    /// With aggregation or DISTINCT, what stands beside an aggregate, and what ORDER BY
    /// reads, must be a grouping key: `RETURN n.x + count(*)` has no single `n`.
    func checkGrouping(_ p: Projection, _ projected: [String: ValueKind]) throws {
        let keys = Set(p.items.filter { !Self.containsAggregate($0.expression) }.compactMap { Self.groupingKey($0.expression) })
        for item in p.items where Self.containsAggregate(item.expression) {
            if let (v, position) = Self.ungrouped(item.expression, grouped: { Self.groupingKey($0).map(keys.contains) ?? false }) {
                throw error("‘\(v)’ stands beside an aggregate but is not a grouping key of this projection; return it on its own too", position)
            }
        }
        // An aggregate in ORDER BY must be one the projection computes.
        if p.items.contains(where: { Self.containsAggregate($0.expression) }) {
            let computed = Set(p.items.flatMap { Self.aggregateCalls(in: $0.expression) }.map(Self.shape))
            for (e, _) in p.order {
                for call in Self.aggregateCalls(in: e) where !computed.contains(Self.shape(call)) {
                    throw error("ORDER BY uses an aggregate this projection does not compute; compute it in the projection and sort by its name", Self.position(of: call))
                }
            }
        }
        for (e, _) in p.order {
            let grouped: (Expression) -> Bool = { e in
                if case .variable(let v, _) = e, projected[v] != nil { return true }
                return Self.groupingKey(e).map(keys.contains) ?? false
            }
            if let (v, position) = Self.ungrouped(e, grouped: grouped) {
                throw error("ORDER BY can only read what this \(p.distinct ? "DISTINCT " : "")projection returns; ‘\(v)’ is not among its columns", position)
            }
        }
    }

    /// A WHERE condition: bound variables, no aggregates, and nothing that is never a boolean.
    mutating func checkPredicate(_ e: Expression, _ names: [String: ValueKind]) throws {
        try check(e, names, aggregatesAllowed: false)
        if case .variable(let v, let p) = e, let k = names[v], k != .boolean, k != .any {
            throw error("WHERE takes a boolean; ‘\(v)’ is a \(k)", p)
        }
    }

    /// Checks that every variable is bound and aggregates stand only where allowed.
    mutating func check(_ e: Expression, _ names: [String: ValueKind], aggregatesAllowed: Bool, insideAggregate: Bool = false) throws {
        switch e {
        case .variable(let name, let p):
            if names[name] == nil {
                let s = Vocabulary.suggestion(for: name, among: Set(names.keys))
                throw error("variable ‘\(name)’ is not defined" + (s.map { "; did you mean ‘\($0)’?" } ?? ""), p)
            }
        case .property(let base, let key, let p):
            try check(base, names, aggregatesAllowed: aggregatesAllowed, insideAggregate: insideAggregate)
            if case .variable(let v, _) = base, let kind = names[v] {
                if kind == .node && !vocabulary.nodeKeys.contains(key) && !Vocabulary.virtualNodeKeys.contains(key) {
                    warn("unknown node property .\(key)", suggestion: Vocabulary.suggestion(for: key, among: vocabulary.nodeKeys.union(Vocabulary.virtualNodeKeys)), p)
                } else if kind == .relationship && !vocabulary.edgeKeys.contains(key) && !Vocabulary.virtualEdgeKeys.contains(key) {
                    warn("unknown relationship property .\(key)", suggestion: Vocabulary.suggestion(for: key, among: vocabulary.edgeKeys.union(Vocabulary.virtualEdgeKeys)), p)
                }
            }
        case .function(let name, _, let args, let p):
            let lower = name.lowercased()
            if Self.aggregates.contains(lower) {
                guard aggregatesAllowed else { throw error("\(name)() aggregates; use it in RETURN or WITH, not here", p) }
                guard !insideAggregate else { throw error("an aggregate cannot contain another aggregate", p) }
                for a in args { try check(a, names, aggregatesAllowed: true, insideAggregate: true) }
            } else {
                if Parser.quantifiers.contains(lower) {
                    guard args.count == 1, case .listComprehension(_, _, .some, nil, _) = args[0] else {
                        throw error("\(name)() takes x IN list WHERE predicate", p)
                    }
                }
                if lower == "rand" && insideAggregate {
                    throw error("an aggregate cannot take rand(), whose value differs on every row", p)
                }
                guard SQLGenerator.scalarFunctions.contains(lower) else {
                    let s = Vocabulary.suggestion(for: lower, among: SQLGenerator.scalarFunctions.union(Self.aggregates))
                    throw error("unknown function \(name)()" + (s.map { "; did you mean \($0)()?" } ?? ""), p)
                }
                for a in args { try check(a, names, aggregatesAllowed: aggregatesAllowed, insideAggregate: insideAggregate) }
            }
        case .countStar:
            guard aggregatesAllowed else { throw QueryError(.semantic, "count(*) aggregates; use it in RETURN or WITH") }
            guard !insideAggregate else { throw QueryError(.semantic, "an aggregate cannot contain another aggregate") }
        case .unary(_, let b, _), .isNull(let b, _):
            try check(b, names, aggregatesAllowed: aggregatesAllowed, insideAggregate: insideAggregate)
        case .binary(_, let a, let b, _), .index(let a, let b, _):
            try check(a, names, aggregatesAllowed: aggregatesAllowed, insideAggregate: insideAggregate)
            try check(b, names, aggregatesAllowed: aggregatesAllowed, insideAggregate: insideAggregate)
        case .list(let items):
            for i in items { try check(i, names, aggregatesAllowed: aggregatesAllowed, insideAggregate: insideAggregate) }
        case .map(let entries):
            for (_, v) in entries { try check(v, names, aggregatesAllowed: aggregatesAllowed, insideAggregate: insideAggregate) }
        case .caseWhen(let s, let branches, let o):
            for x in [s, o].compactMap({ $0 }) { try check(x, names, aggregatesAllowed: aggregatesAllowed, insideAggregate: insideAggregate) }
            for (c, v) in branches {
                try check(c, names, aggregatesAllowed: aggregatesAllowed, insideAggregate: insideAggregate)
                try check(v, names, aggregatesAllowed: aggregatesAllowed, insideAggregate: insideAggregate)
            }
        case .slice(let a, let b, let c, _):
            for x in [a, b, c].compactMap({ $0 }) { try check(x, names, aggregatesAllowed: aggregatesAllowed, insideAggregate: insideAggregate) }
        case .patternPredicate(let p):
            for n in p.nodes { if let v = n.variable, names[v] == nil { throw error("a pattern in an expression may only use bound variables; ‘\(v)’ is new", n.position) } }
            for r in p.relationships { if let v = r.variable, names[v] == nil { throw error("a pattern in an expression may only use bound variables; ‘\(v)’ is new", r.position) } }
        case .listComprehension(let v, let list, let predicate, let projection, _):
            try check(list, names, aggregatesAllowed: aggregatesAllowed, insideAggregate: insideAggregate)
            var inner = names
            inner[v] = .any
            if let predicate { try check(predicate, inner, aggregatesAllowed: false) }
            if let projection { try check(projection, inner, aggregatesAllowed: false) }
        case .patternComprehension(let p, let predicate, let projection, _):
            // New node and relationship variables are the comprehension's own.
            var inner = names
            for n in p.nodes {
                if let v = n.variable {
                    if let k = names[v], k != .node && k != .any { throw error("‘\(v)’ is a \(k), not a node", n.position) }
                    inner[v] = .node
                }
                for (_, e) in n.properties { try check(e, names, aggregatesAllowed: false) }
            }
            for r in p.relationships {
                if let v = r.variable {
                    if names[v] != nil { throw error("‘\(v)’ is already bound; a pattern comprehension's relationship variable must be new", r.position) }
                    inner[v] = r.length == nil ? .relationship : .list(.relationship)
                }
                for (_, e) in r.properties { try check(e, names, aggregatesAllowed: false) }
            }
            if let v = p.variable {
                if names[v] != nil { throw error("‘\(v)’ is already bound; a path variable must be new", p.nodes[0].position) }
                inner[v] = .path
            }
            if let predicate { try check(predicate, inner, aggregatesAllowed: false) }
            try check(projection, inner, aggregatesAllowed: false)
        case .literal, .parameter:
            break
        }
    }
}
