import GuanxiStore

/// Loads graphs written as `CREATE` patterns into a store: the test graphs of the
/// openCypher TCK and small fixtures. The query language stays read-only; this is a
/// loader, not a clause. It accepts one or more `CREATE` clauses of patterns whose
/// properties are constants or parameters; anything else is refused with a
/// `QueryError` that names what it met.
public enum GraphLoader {
    /// Runs `script` into `store`.
    /// - Throws: `QueryError` for syntax errors and for clauses other than CREATE.
    public static func run(_ script: String, parameters: [String: ParameterValue] = [:], into store: GraphStore) throws {
        let source = QuerySource(script)
        var parser = try Parser(source: source)
        let clauses = try parser.createClauses()
        var nodes: [String: Int64] = [:]
        try store.database.transaction {
            for patterns in clauses {
                for path in patterns {
                    var ids: [Int64] = []
                    for n in path.nodes {
                        if let v = n.variable, let id = nodes[v] {
                            guard n.labels.isEmpty && n.properties.isEmpty else {
                                throw QueryError(.semantic, "variable ‘\(v)’ is already bound", at: n.position, in: source)
                            }
                            ids.append(id)
                            continue
                        }
                        let id = try store.createNode(labels: n.labels, properties: try properties(n.properties, parameters, source))
                        if let v = n.variable { nodes[v] = id }
                        ids.append(id)
                    }
                    for (i, r) in path.relationships.enumerated() {
                        guard r.types.count == 1, r.length == nil else {
                            throw QueryError(.semantic, "a created relationship needs exactly one type and no length", at: r.position, in: source)
                        }
                        let (s, o) = r.direction == .incoming ? (ids[i + 1], ids[i]) : (ids[i], ids[i + 1])
                        guard r.direction != .either else {
                            throw QueryError(.semantic, "a created relationship needs a direction", at: r.position, in: source)
                        }
                        _ = try store.createEdge(s, r.types[0], o, properties: try properties(r.properties, parameters, source))
                    }
                }
            }
        }
    }

    static func properties(_ entries: [(String, Expression)], _ parameters: [String: ParameterValue], _ source: QuerySource) throws -> [(String, PropertyValue)] {
        var out: [(String, PropertyValue)] = []
        for (k, e) in entries {
            let v = try constant(e, parameters, source)
            if v != .null { out.append((k, v)) }
        }
        return out
    }

    /// The value of a constant expression: literals, lists, negated numbers, parameters.
    static func constant(_ e: Expression, _ parameters: [String: ParameterValue], _ source: QuerySource) throws -> PropertyValue {
        switch e {
        case .literal(.null): return .null
        case .literal(.boolean(let b)): return .boolean(b)
        case .literal(.integer(let i)): return .integer(i)
        case .literal(.float(let d)): return .float(d)
        case .literal(.string(let s)): return .string(s)
        case .list(let items): return .list(try items.map { try constant($0, parameters, source) })
        case .unary("-", let inner, let p):
            switch try constant(inner, parameters, source) {
            case .integer(let i): return .integer(-i)
            case .float(let d): return .float(-d)
            default: throw QueryError(.semantic, "only numbers can be negated here", at: p, in: source)
            }
        case .parameter(let name, let p):
            guard let v = parameters[name] else { throw QueryError(.semantic, "parameter $\(name) has no value", at: p, in: source) }
            return v.propertyValue
        case .function(let name, _, _, let p) where ["date", "time", "localtime", "datetime", "localdatetime", "duration", "point"].contains(name.lowercased()):
            throw QueryError(.semantic, "temporal and spatial values (\(name)(…)) are not supported", at: p, in: source)
        default:
            throw QueryError(.semantic, "a created property must be a constant")
        }
    }
}

extension ParameterValue {
    var propertyValue: PropertyValue {
        switch self {
        case .null: return .null
        case .boolean(let b): return .boolean(b)
        case .integer(let i): return .integer(i)
        case .float(let d): return .float(d)
        case .string(let s): return .string(s)
        case .list(let items): return .list(items.map(\.propertyValue))
        case .map: return .string(json)
        }
    }
}

extension Parser {
    /// `CREATE pattern, … CREATE …` to the end.
    mutating func createClauses() throws -> [[PathPattern]] {
        var clauses: [[PathPattern]] = []
        while true {
            if case .end = current.kind { break }
            if accept(symbol: ";") { continue }
            guard isKeyword("CREATE") else {
                let what: String
                if case .keyword(let k) = current.kind { what = k } else { what = current.display }
                throw QueryError(.semantic, "the loader runs CREATE clauses only; this script uses \(what)", at: current.position, in: source)
            }
            advance()
            var patterns = [try pathPattern()]
            while accept(symbol: ",") { patterns.append(try pathPattern()) }
            clauses.append(patterns)
        }
        return clauses
    }
}
