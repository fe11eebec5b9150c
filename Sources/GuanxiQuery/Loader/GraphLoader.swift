import GuanxiStore

/// Loads graphs written as Cypher into a store: the test graphs of the openCypher TCK
/// and small fixtures. The query language stays read-only; this is a loader, not a
/// clause. A script is CREATE and [DETACH] DELETE clauses, each fed by the reading
/// clauses before it (MATCH, OPTIONAL MATCH, UNWIND, WITH), which the query engine
/// runs: `UNWIND range(1, 3) AS i CREATE ({n: i})` makes three nodes. Properties of
/// created patterns are constants, parameters or expressions over the rows. Anything
/// else is refused with a `QueryError` that names what it met; the whole script runs in
/// one transaction, so a refused script leaves the store as it was.
public enum GraphLoader {
    /// What a script variable holds between clauses.
    enum Bound {
        case node(Int64), relationship(Int64), value(ParameterValue)
    }

    typealias Row = [String: Bound]

    /// Runs `script` into `store`.
    /// - Throws: `QueryError` for syntax errors, unsupported clauses and failures of
    ///   the reading clauses.
    public static func run(_ script: String, parameters: [String: ParameterValue] = [:], into store: GraphStore) throws {
        let source = QuerySource(script)
        var parser = try Parser(source: source)
        let statements = try parser.setupScript().statements
        try store.database.transaction {
            for segments in statements {
                var rows: [Row] = [[:]]
                for segment in segments {
                    rows = try run(segment, on: rows, parameters, store, source)
                }
            }
        }
    }

    /// One segment over the rows so far; returns the rows with what it created bound.
    static func run(_ segment: SetupScript.Segment, on rows: [Row], _ parameters: [String: ParameterValue], _ store: GraphStore, _ source: QuerySource) throws -> [Row] {
        // Maps of constants, or of properties of nodes this segment creates (`(a {id: 0}),
        // ({num: a.id})`), the loader evaluates itself; the others the query engine.
        var created = Set<String>()
        for case .create(let patterns, _) in segment.writes {
            for n in patterns.flatMap(\.nodes) where !n.labels.isEmpty || !n.properties.isEmpty {
                if let v = n.variable { created.insert(v) }
            }
        }
        var mapTexts: [(offset: Int, text: String)] = []
        for case .create(let patterns, let maps) in segment.writes {
            let elements = patterns.flatMap { $0.nodes.map { ($0.position.offset, $0.properties) } + $0.relationships.map { ($0.position.offset, $0.properties) } }
            for (offset, entries) in elements.sorted(by: { $0.0 < $1.0 }) where !entries.isEmpty {
                if !entries.allSatisfy({ isLocal($0.1, created) }), let text = maps[offset] { mapTexts.append((offset, text)) }
            }
        }
        guard !segment.reading.isEmpty || !mapTexts.isEmpty else {
            return try rows.map { try write(segment.writes, $0, maps: [:], parameters, store, source) }
        }
        // The reading clauses, started from the rows so far, return every variable and
        // each property map evaluated.
        guard let first = rows.first else { return [] }
        var query = first.isEmpty ? "WITH 1 AS gx_unit" : resume(rows)
        if !segment.reading.isEmpty { query += " " + segment.reading }
        query += " RETURN *" + mapTexts.enumerated().map { ", \($1.text) AS gx_e\($0)" }.joined()
        var bound = parameters
        bound["gx_rows"] = .list(rows.map { row in .map(row.mapValues(\.parameter)) })
        let result: QueryResult
        do {
            result = try QueryEngine(store: store).run(query, parameters: bound)
        } catch let e as QueryError {
            throw QueryError(e.stage, "the clauses before a CREATE or DELETE failed: \(e.message)", at: segment.position, in: source)
        }
        var out: [Row] = []
        for values in result.rows {
            var row: Row = [:]
            var maps: [Int: [(String, PropertyValue)]] = [:]
            for (name, value) in zip(result.columns, values) {
                if name.hasPrefix("gx_e"), let i = Int(name.dropFirst(4)), i < mapTexts.count {
                    maps[mapTexts[i].offset] = try properties(value, source)
                } else if !name.hasPrefix("gx_") {
                    row[name] = Bound(value)
                }
            }
            out.append(try write(segment.writes, row, maps: maps, parameters, store, source))
        }
        return out
    }

    /// The query text that brings back the rows so far: nodes and relationships matched
    /// again by id, other values from the `$gx_rows` parameter.
    static func resume(_ rows: [Row]) -> String {
        let names = Set(rows.flatMap(\.keys)).sorted()
        func kind(_ name: String) -> Bound? { rows.lazy.compactMap { $0[name] }.first { if case .value(.null) = $0 { return false } else { return true } } }
        var patterns: [String] = [], conditions: [String] = [], carried: [String] = []
        for name in names {
            switch kind(name) {
            case .node?:
                patterns.append("(\(name))")
                conditions.append("id(\(name)) = gx_row.\(name)")
                carried.append(name)
            case .relationship?:
                patterns.append("()-[\(name)]->()")
                conditions.append("id(\(name)) = gx_row.\(name)")
                carried.append(name)
            default:
                carried.append("gx_row.\(name) AS \(name)")
            }
        }
        var text = "UNWIND $gx_rows AS gx_row"
        if !patterns.isEmpty { text += " MATCH " + patterns.joined(separator: ", ") + " WHERE " + conditions.joined(separator: " AND ") }
        return text + " WITH " + carried.joined(separator: ", ")
    }

    /// Performs the writes of a segment for one row; `maps` holds the property maps the
    /// query engine evaluated, by pattern offset (the loader evaluates the others).
    static func write(_ writes: [SetupScript.Write], _ row: Row, maps: [Int: [(String, PropertyValue)]], _ parameters: [String: ParameterValue], _ store: GraphStore, _ source: QuerySource) throws -> Row {
        var row = row
        var made: [String: [(String, PropertyValue)]] = [:]
        func props(_ entries: [(String, Expression)], at offset: Int) throws -> [(String, PropertyValue)] {
            if let evaluated = maps[offset] { return evaluated }
            var out: [(String, PropertyValue)] = []
            for (k, e) in entries {
                let v = try local(e, parameters, source, made)
                if v != .null { out.append((k, v)) }
            }
            return out
        }
        for w in writes {
            switch w {
            case .create(let patterns, _):
                for path in patterns {
                    var ids: [Int64] = []
                    for n in path.nodes {
                        if let v = n.variable, let b = row[v] {
                            guard case .node(let id) = b, n.labels.isEmpty && n.properties.isEmpty else {
                                throw QueryError(.semantic, "variable ‘\(v)’ is already bound", at: n.position, in: source)
                            }
                            ids.append(id)
                            continue
                        }
                        let properties = try props(n.properties, at: n.position.offset)
                        let id = try store.createNode(labels: n.labels, properties: properties)
                        if let v = n.variable {
                            row[v] = .node(id)
                            made[v] = properties
                        }
                        ids.append(id)
                    }
                    for (i, r) in path.relationships.enumerated() {
                        guard r.types.count == 1, r.length == nil else {
                            throw QueryError(.semantic, "a created relationship needs exactly one type and no length", at: r.position, in: source)
                        }
                        guard r.direction != .either else {
                            throw QueryError(.semantic, "a created relationship needs a direction", at: r.position, in: source)
                        }
                        let (s, o) = r.direction == .incoming ? (ids[i + 1], ids[i]) : (ids[i], ids[i + 1])
                        let id = try store.createEdge(s, r.types[0], o, properties: try props(r.properties, at: r.position.offset))
                        if let v = r.variable { row[v] = .relationship(id) }
                    }
                }
            case .delete(let names, let detach):
                for (name, position) in names {
                    switch row[name] {
                    case .relationship(let id)?: try store.deleteEdge(id)
                    case .node(let id)?:
                        if !detach, try store.relationshipCount(of: id) > 0 {
                            throw QueryError(.runtime, "cannot delete node ‘\(name)’: it still has relationships (use DETACH DELETE)", at: position, in: source)
                        }
                        try store.deleteNode(id)
                    case .value(.null)?: continue
                    default: throw QueryError(.semantic, "‘\(name)’ is not a node or relationship to delete", at: position, in: source)
                    }
                }
            }
        }
        return row
    }

    /// Whether the loader evaluates an expression itself: constants, and properties of
    /// the nodes in `created`.
    static func isLocal(_ e: Expression, _ created: Set<String>) -> Bool {
        switch e {
        case .literal, .parameter: return true
        case .list(let items): return items.allSatisfy { isLocal($0, created) }
        case .unary("-", let inner, _): return isLocal(inner, created)
        case .property(.variable(let v, _), _, _): return created.contains(v)
        default: return false
        }
    }

    /// An evaluated property map as properties; null entries are left out.
    static func properties(_ value: QueryValue, _ source: QuerySource) throws -> [(String, PropertyValue)] {
        guard case .map(let entries) = value else { return [] }
        var out: [(String, PropertyValue)] = []
        for (k, v) in entries.sorted(by: { $0.key < $1.key }) {
            guard let p = v.propertyValue else { throw QueryError(.semantic, "property ‘\(k)’ cannot hold \(v.display)") }
            if p != .null { out.append((k, p)) }
        }
        return out
    }

    /// The value of an expression the loader evaluates: literals, lists, negated
    /// numbers, parameters, and `v.key` of a node `made` in this row.
    static func local(_ e: Expression, _ parameters: [String: ParameterValue], _ source: QuerySource, _ made: [String: [(String, PropertyValue)]]) throws -> PropertyValue {
        switch e {
        case .literal(.null): return .null
        case .literal(.boolean(let b)): return .boolean(b)
        case .literal(.integer(let i)): return .integer(i)
        case .literal(.float(let d)): return .float(d)
        case .literal(.string(let s)): return .string(s)
        case .list(let items): return .list(try items.map { try local($0, parameters, source, made) })
        case .unary("-", let inner, let p):
            switch try local(inner, parameters, source, made) {
            case .integer(let i): return .integer(-i)
            case .float(let d): return .float(-d)
            default: throw QueryError(.semantic, "only numbers can be negated here", at: p, in: source)
            }
        case .parameter(let name, let p):
            guard let v = parameters[name] else { throw QueryError(.semantic, "parameter $\(name) has no value", at: p, in: source) }
            return v.propertyValue
        case .property(.variable(let v, _), let key, let p):
            guard let properties = made[v] else {
                throw QueryError(.semantic, "‘\(v)’ is not a node created before this one", at: p, in: source)
            }
            return properties.first { $0.0 == key }?.1 ?? .null
        default:
            throw QueryError(.semantic, "a created property must be a constant, a parameter, or a value the clauses before the CREATE compute", at: Binder.position(of: e), in: source)
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

extension GraphLoader.Bound {
    init(_ value: QueryValue) {
        switch value {
        case .node(let n): self = .node(n.id)
        case .relationship(let r): self = .relationship(r.id)
        default: self = .value(value.parameter)
        }
    }

    /// The value as the `$gx_rows` parameter carries it: entities by id.
    var parameter: ParameterValue {
        switch self {
        case .node(let id), .relationship(let id): return .integer(id)
        case .value(let v): return v
        }
    }
}

extension QueryValue {
    /// The value as a parameter: nodes and relationships by id.
    var parameter: ParameterValue {
        switch self {
        case .null: return .null
        case .boolean(let b): return .boolean(b)
        case .integer(let i): return .integer(i)
        case .float(let d): return .float(d)
        case .string(let s), .temporal(let s): return .string(s)
        case .list(let items): return .list(items.map(\.parameter))
        case .map(let m): return .map(m.mapValues(\.parameter))
        case .node(let n): return .integer(n.id)
        case .relationship(let r): return .integer(r.id)
        case .path(let p): return .list(p.nodes.map { .integer($0.id) })
        }
    }

    /// The value as a stored property; nil for what a property cannot hold (maps,
    /// nodes, relationships).
    var propertyValue: PropertyValue? {
        switch self {
        case .map, .node, .relationship, .path: return nil
        case .list(let items):
            let values = items.compactMap(\.propertyValue)
            return values.count == items.count ? .list(values) : nil
        default: return parameter.propertyValue
        }
    }
}
