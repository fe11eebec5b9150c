import GuanxiStore

/// How PostgreSQL holds each kind of value (see `PostgresDialect`), and the conversions
/// between a kind's own SQL type and `jsonb`.
extension SQLGenerator {
    var isPostgres: Bool { dialect.backend == .postgresql }

    /// Held in a SQL type of its own rather than `jsonb`.
    static func isTypedInPostgres(_ kind: ValueKind) -> Bool {
        switch kind {
        case .integer, .float, .string, .boolean, .node, .relationship: return true
        default: return false
        }
    }

    /// A value as `jsonb`: numbers, strings and booleans as JSON, entities as bare ids
    /// or, with `tag`, as `TaggedText` strings (paths too).
    func pgJSON(_ sql: String, _ kind: ValueKind, tag: Bool = false) -> String {
        switch kind {
        case .integer, .boolean: return "to_jsonb(\(sql))"
        case .float: return "gx_float_json(\(sql))"
        case .string: return "to_jsonb((\(sql))::text)"
        case .node, .relationship, .path:
            guard tag, let letter = Self.tagLetter(kind) else { return kind == .path ? sql : "to_jsonb(\(sql))" }
            return "to_jsonb(\(TaggedText.sql("(\(sql))::text", letter: letter, marker: TaggedText.postgresMarkerSQL)))"
        default: return sql
        }
    }

    /// A list's entities tagged, to stand beside values of other kinds.
    mutating func pgTaggedElements(_ list: String, _ kind: ValueKind) -> String {
        guard case .list(let element) = kind, Self.tagLetter(element) != nil else { return list }
        let e = fresh("e")
        return "(CASE WHEN \(list) IS NULL THEN NULL ELSE (SELECT coalesce(jsonb_agg(\(pgJSON(pgTyped(fromJSON: "\(e).value", element), element, tag: true)) ORDER BY \(e).o), '[]'::jsonb) FROM jsonb_array_elements(\(list)) WITH ORDINALITY AS \(e)(value, o)) END)"
    }

    /// A value as a member of a `jsonb` list or map: entities tagged when `tag`, and
    /// lists of entities with their elements tagged.
    mutating func pgMember(_ sql: String, _ kind: ValueKind, tag: Bool) -> String {
        if tag, kind.isList { return pgTaggedElements(sql, kind) }
        return pgJSON(sql, kind, tag: tag)
    }

    /// A `jsonb` value in the SQL type of `kind` (SQL null for JSON null).
    func pgTyped(fromJSON j: String, _ kind: ValueKind) -> String {
        switch kind {
        case .integer, .node, .relationship: return "(gx_number(\(j)))::bigint"
        case .float: return "(gx_number(\(j)))::float8"
        case .string: return "gx_text(\(j))"
        case .boolean: return "(CASE WHEN jsonb_typeof(\(j)) = 'boolean' THEN (\(j))::boolean END)"
        default: return "nullif(\(j), 'null'::jsonb)"
        }
    }

    /// A condition from a value: a boolean as is, a `jsonb` boolean as SQL's, anything
    /// else an error when compiling.
    func pgCondition(_ sql: String, _ kind: ValueKind, _ e: Expression) throws -> String {
        switch kind {
        case .boolean: return sql
        case .any: return "(CASE WHEN jsonb_typeof(\(sql)) = 'boolean' THEN (\(sql))::boolean END)"
        default: throw QueryError(.semantic, "a condition must be a boolean, not a \(kind)", at: Self.position(of: e), in: source)
        }
    }

    /// The id of a node or relationship held as `jsonb` (tagged text); null otherwise.
    func pgEntityID(_ sql: String) -> String {
        "(CASE WHEN gx_rank(\(sql)) IN (1, 2) THEN (substr(\(sql) #>> '{}', 3))::bigint END)"
    }

    /// A value as text when it is a string (null otherwise).
    func pgText(_ sql: String, _ kind: ValueKind) -> String {
        switch kind {
        case .string: return sql
        case .any: return "gx_text(\(sql))"
        default: return "NULL::text"
        }
    }

    /// The values of several branches (CASE, coalesce, UNION) in one SQL type: their own
    /// when they agree, else `jsonb`.
    func pgUnify(_ parts: [(sql: String, kind: ValueKind)]) -> (sqls: [String], kind: ValueKind) {
        let kinds = Set(parts.map(\.kind))
        if kinds.count <= 1 { return (parts.map(\.sql), kinds.first ?? .any) }
        if kinds == [.integer, .float] { return (parts.map { "(\($0.sql))::float8" }, .float) }
        return (parts.map { pgJSON($0.sql, $0.kind, tag: true) }, .any)
    }

    /// ORDER BY keys of one value: strings by their code points; values whose kind only
    /// the data knows by `gx_sort_key`, Cypher's order of all values.
    func pgOrderKeys(_ sql: String, _ kind: ValueKind, _ direction: String) -> [String] {
        switch kind {
        case .string: return ["\(sql) COLLATE \"C\" \(direction)"]
        case .integer, .float, .boolean, .node, .relationship: return ["\(sql) \(direction)"]
        default:
            return ["gx_sort_key(\(sql)) COLLATE \"C\" \(direction)"]
        }
    }

    /// A node property as `jsonb`: stored properties, then the virtual ones.
    func pgNodeProperty(_ node: String, _ key: String) -> (sql: String, kind: ValueKind) {
        let stored = termID(key).map { "(SELECT gx_value(value, kind) FROM node_props WHERE node = \(node) AND key = \($0))" } ?? "NULL::jsonb"
        if key == "aliases" { return ("coalesce(\(stored), '[]'::jsonb)", .list(.string)) }
        return (Self.virtualNodeValue(node, key).map { "coalesce(\(stored), to_jsonb((\($0))))" } ?? stored, .any)
    }

    /// A relationship property as `jsonb`: stored ones, then those of its provenance.
    func pgEdgeProperty(_ edge: String, _ key: String) -> String {
        let stored = termID(key).map { "(SELECT gx_value(value, kind) FROM edge_props WHERE edge = \(edge) AND key = \($0))" } ?? "NULL::jsonb"
        return Self.virtualEdgeValue(edge, key).map { "coalesce(\(stored), to_jsonb((\($0))))" } ?? stored
    }

    /// `node.key = value` in a pattern: a string is looked up by the stored text, which
    /// the value index finds; anything else compares as Cypher does.
    mutating func pgPropertyCondition(node ref: String, _ key: String, _ value: Expression, _ ctx: Context) throws -> String {
        let (sql, kind) = try expression(value, ctx)
        if kind == .string, !Self.nodeKeyHasDefault(key) {
            guard let id = termID(key) else { return "FALSE" }
            return "EXISTS (SELECT 1 FROM node_props WHERE node = \(ref) AND key = \(id) AND kind = 'string' AND value = \(sql))"
        }
        return pgComparison("=", pgNodeProperty(ref, key), (sql, kind))
    }

    /// `a op b` for =, <>, <, >, <=, >= with Cypher's nulls and kinds.
    func pgComparison(_ op: String, _ a: (sql: String, kind: ValueKind), _ b: (sql: String, kind: ValueKind)) -> String {
        let number: (ValueKind) -> Bool = { $0 == .integer || $0 == .float }
        let entity: (ValueKind) -> Bool = { $0 == .node || $0 == .relationship }
        let bothTyped = Self.isTypedInPostgres(a.kind) && Self.isTypedInPostgres(b.kind)
        if bothTyped {
            let same = a.kind == b.kind || number(a.kind) && number(b.kind)
            if same {
                if entity(a.kind), op != "=", op != "<>" { return "NULL::boolean" }
                let collate = a.kind == .string && op != "=" && op != "<>" ? " COLLATE \"C\"" : ""
                let plain = "(\(a.sql)\(collate) \(op) \(b.sql))"
                guard a.kind == .float || b.kind == .float else { return plain }
                // NaN equals nothing and is neither below nor above anything (SQL's NaN equals itself).
                return "(CASE WHEN \(a.sql) IS NULL OR \(b.sql) IS NULL THEN NULL WHEN (\(a.sql))::float8 = 'NaN'::float8 OR (\(b.sql))::float8 = 'NaN'::float8 THEN \(op == "<>" ? "TRUE" : "FALSE") ELSE \(plain) END)"
            }
            switch op {
            case "=": return "(CASE WHEN \(a.sql) IS NULL OR \(b.sql) IS NULL THEN NULL ELSE FALSE END)"
            case "<>": return "(CASE WHEN \(a.sql) IS NULL OR \(b.sql) IS NULL THEN NULL ELSE TRUE END)"
            default: return "NULL::boolean"
            }
        }
        let x = pgJSON(a.sql, a.kind, tag: true), y = pgJSON(b.sql, b.kind, tag: true)
        switch op {
        case "=": return "gx_eq(\(x), \(y))"
        case "<>": return "(NOT gx_eq(\(x), \(y)))"
        default: return "gx_cmp(\(x), \(y), '\(op)')"
        }
    }
}
