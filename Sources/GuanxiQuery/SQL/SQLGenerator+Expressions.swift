import GuanxiText
import GuanxiStore

/// A parameter's value, as the caller gives it.
public indirect enum ParameterValue: Sendable, Hashable {
    case null
    case boolean(Bool)
    case integer(Int64)
    case float(Double)
    case string(String)
    case list([ParameterValue])
    case map([String: ParameterValue])

    var kind: ValueKind {
        switch self {
        case .null: return .any
        case .boolean: return .boolean
        case .integer: return .integer
        case .float: return .float
        case .string: return .string
        case .list(let items): return .list(items.first?.kind ?? .any)
        case .map: return .map
        }
    }

    var json: String {
        switch self {
        case .null: return "null"
        case .boolean(let b): return b ? "true" : "false"
        case .integer(let i): return String(i)
        case .float(let d): return String(d)
        case .string(let s): return JSONString.quote(s)
        case .list(let items): return "[" + items.map(\.json).joined(separator: ",") + "]"
        case .map(let m): return "{" + m.keys.sorted().map { ParameterValue.string($0).json + ":" + (m[$0] ?? .null).json }.joined(separator: ",") + "}"
        }
    }

    var sqlValue: SQLValue {
        switch self {
        case .null: return .null
        case .boolean(let b): return .integer(b ? 1 : 0)
        case .integer(let i): return .integer(i)
        case .float(let d): return .real(d)
        case .string(let s): return .text(s)
        case .list, .map: return .text(json)
        }
    }
}

extension SQLGenerator {
    /// What a node answers for `key` when it has no stored property of that name: its
    /// type (first label), mentions and documents, as a subquery; nil for other keys.
    /// (`aliases` defaults to an empty list, which each backend writes in its own form.)
    /// Both backends read these, each wrapping the value in its own way.
    static func virtualNodeValue(_ node: String, _ key: String) -> String? {
        switch key {
        case "type": return "SELECT t.value FROM node_labels l JOIN terms t ON t.id = l.label WHERE l.node = \(node) ORDER BY t.value LIMIT 1"
        case "mentions": return "SELECT count(*) FROM mentions WHERE node = \(node)"
        case "documents": return "SELECT count(DISTINCT document) FROM mentions WHERE node = \(node)"
        default: return nil
        }
    }

    /// What a relationship answers for `key` when it has no stored property of that name,
    /// read from its provenance, as a subquery; nil for other keys.
    static func virtualEdgeValue(_ edge: String, _ key: String) -> String? {
        switch key {
        // The first provenance row by source, then as recorded (the (edge, source) index's
        // order): documents before the gazetteer, the earliest document first.
        case "evidence": return "SELECT evidence FROM provenance WHERE edge = \(edge) AND source = 'document' ORDER BY source, id LIMIT 1"
        case "doc": return "SELECT d.name FROM provenance p JOIN documents d ON d.id = p.document WHERE p.edge = \(edge) ORDER BY p.source, p.id LIMIT 1"
        case "rule": return "SELECT rule FROM provenance WHERE edge = \(edge) ORDER BY source, id LIMIT 1"
        case "type": return "SELECT t.value FROM triples x JOIN terms t ON t.id = x.p WHERE x.id = \(edge)"
        // When the fact was reported: the publication dates of the documents stating it,
        // ordered by the days they cover (a year covers the whole year); dates without
        // a year are never ordered.
        case "first_reported":
            return "SELECT published FROM provenance WHERE edge = \(edge) AND published_start IS NOT NULL ORDER BY published_start, length(published) DESC, id LIMIT 1"
        case "last_reported":
            return "SELECT published FROM provenance WHERE edge = \(edge) AND published_end IS NOT NULL ORDER BY published_end DESC, length(published) DESC, id LIMIT 1"
        case "reports": return "SELECT count(DISTINCT document) FROM provenance WHERE edge = \(edge) AND source = 'document'"
        case "outlets":
            return "SELECT count(DISTINCT d.outlet) FROM provenance p JOIN documents d ON d.id = p.document WHERE p.edge = \(edge) AND p.source = 'document'"
        case "date": return "SELECT date FROM provenance WHERE edge = \(edge) AND date IS NOT NULL ORDER BY length(date) DESC, date LIMIT 1"
        default: return nil
        }
    }

    /// Whether a node's `key` has a value when nothing is stored under it.
    static func nodeKeyHasDefault(_ key: String) -> Bool { key == "aliases" || virtualNodeValue("", key) != nil }

    /// Whether a relationship's `key` has a value when nothing is stored under it.
    static func edgeKeyHasDefault(_ key: String) -> Bool { virtualEdgeValue("", key) != nil }

    /// A node property: stored properties, then the virtual ones (type, mentions,
    /// documents) that every entity has.
    func nodeProperty(_ node: String, _ key: String) -> (sql: String, kind: ValueKind) {
        let stored = termID(key).map { "(SELECT value FROM node_props WHERE node = \(node) AND key = \($0))" } ?? "NULL"
        if key == "aliases" { return ("coalesce(\(stored), '[]')", .list(.string)) }
        return (Self.virtualNodeValue(node, key).map { "coalesce(\(stored), (\($0)))" } ?? stored, .any)
    }

    /// A relationship property: stored ones, then evidence, doc, rule and the dates and
    /// counts of reports from its provenance.
    func edgeProperty(_ edge: String, _ key: String) -> String {
        let stored = termID(key).map { "(SELECT value FROM edge_props WHERE edge = \(edge) AND key = \($0))" } ?? "NULL"
        return Self.virtualEdgeValue(edge, key).map { "coalesce(\(stored), (\($0)))" } ?? stored
    }

    /// The stored kind of a property, for decoding a returned value.
    func propertyKind(_ base: String, _ baseKind: ValueKind, _ key: String) -> String? {
        guard let id = termID(key) else { return nil }
        switch baseKind {
        case .node: return "(SELECT kind FROM node_props WHERE node = \(base) AND key = \(id))"
        case .relationship: return "(SELECT kind FROM edge_props WHERE edge = \(base) AND key = \(id))"
        default: return nil
        }
    }

    /// The SQL for the stored kind of a value whose kind only the data knows: a property
    /// read, or a variable that carries one (a property passed through WITH, an UNWIND
    /// element of a mixed list).
    mutating func storedKind(of e: Expression, _ kind: ValueKind, _ ctx: Context) throws -> String? {
        // PostgreSQL's jsonb carries its own kind.
        guard kind == .any, !isPostgres else { return nil }
        switch e {
        case .property(let base, let key, _):
            let (b, bk) = try expression(base, ctx)
            if bk == .map || bk == .any { return dialect.mapValueKind(b, keyExpression: dialect.quote(key)) }
            return propertyKind(b, bk, key)
        case .index(let base, let index, _):
            let (b, bk) = try expression(base, ctx)
            let (i, ik) = try expression(index, ctx)
            return bk == .map || ik == .string ? dialect.mapValueKind(b, keyExpression: i) : dialect.elementKind(b, at: i)
        case .function(let name, _, let args, _) where ["head", "last"].contains(name.lowercased()) && args.count == 1:
            let (b, _) = try expression(args[0], ctx)
            return dialect.elementKind(b, at: name.lowercased() == "head" ? "0" : "-1")
        case .variable(let name, _):
            return ctx[name].flatMap { storedKinds[$0.sql] }
        case .binary("+", _, _, _):
            // A sum is a list when any of its operands is one; otherwise its SQL type says.
            var kinds: [String] = []
            for o in Self.additionOperands(e) {
                let (_, k) = try expression(o, ctx)
                kinds.append(try additionKind(o, k, ctx))
            }
            return "(CASE WHEN 'list' IN (\(kinds.joined(separator: ", "))) THEN 'list' END)"
        default:
            return nil
        }
    }

    /// A value as a member of a JSON list or map built in SQL: lists, maps and paths as
    /// JSON, booleans as `true`/`false` (also when only the stored kind says so); NaN,
    /// and with `tagEntities` (beside other kinds) nodes, relationships and paths, as
    /// `TaggedText`.
    func jsonMember(_ sql: String, _ kind: ValueKind, stored: String?, tagEntities: Bool = true) -> String {
        if tagEntities, let letter = Self.tagLetter(kind) { return TaggedText.sql(sql, letter: letter) }
        if kind.isJSON { return dialect.nested(sql) }
        let boolean = "json(CASE \(sql) WHEN 1 THEN 'true' WHEN 0 THEN 'false' END)"
        if kind == .boolean { return boolean }
        let scalar = mayBeNaN(sql) ? "gx_json_number(\(sql))" : sql
        guard let stored else { return scalar }
        return "(CASE \(stored) WHEN 'list' THEN json(\(sql)) WHEN 'map' THEN json(\(sql)) WHEN 'boolean' THEN \(boolean) ELSE \(scalar) END)"
    }

    /// The `TaggedText` letter of an entity kind.
    static func tagLetter(_ kind: ValueKind) -> Character? {
        switch kind {
        case .node: return "N"
        case .relationship: return "R"
        case .path: return "W"
        default: return nil
        }
    }

    /// A list of one kind of entity (bare ids) with each element tagged, to join values
    /// of other kinds.
    mutating func taggedElements(_ list: String, _ kind: ValueKind) -> String {
        guard case .list(let element) = kind, let letter = Self.tagLetter(element) else { return list }
        let j = fresh("j")
        let value = element == .path ? "json(\(j).value)" : "\(j).value"
        return "(CASE WHEN \(list) IS NULL THEN NULL ELSE (SELECT coalesce(json_group_array(\(TaggedText.sql(value, letter: letter))), '[]') FROM (SELECT * FROM json_each(\(list)) ORDER BY key) AS \(j)) END)"
    }

    /// `list[from..to]`: elements from `from` up to, not including, `to`; a negative
    /// bound counts from the end, a missing one is the list's start or end.
    mutating func slice(_ list: String, from: String?, to: String?) -> String {
        let j = fresh("j")
        func bound(_ b: String) -> String { "(CASE WHEN (\(b)) < 0 THEN json_array_length(\(list)) + (\(b)) ELSE (\(b)) END)" }
        var conditions: [String] = []
        if let from { conditions.append("\(j).key >= \(bound(from))") }
        if let to { conditions.append("\(j).key < \(bound(to))") }
        let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        return "(CASE WHEN \(list) IS NULL THEN NULL ELSE (SELECT coalesce(json_group_array(\(Self.member(ofJSONEach: j))), '[]') FROM (SELECT * FROM json_each(\(list)) ORDER BY key) AS \(j)\(filter)) END)"
    }

    /// A `json_each` row's value as a member of a JSON list again: through a subquery
    /// JSON text would turn into a string and `true` into 1.
    static func member(ofJSONEach j: String) -> String {
        "(CASE \(j).type WHEN 'array' THEN json(\(j).value) WHEN 'object' THEN json(\(j).value) WHEN 'true' THEN json('true') WHEN 'false' THEN json('false') ELSE \(j).value END)"
    }

    /// A list's elements as a variable: the list's SQL, the `json_each` alias, the
    /// context with `v` bound to the element, and the element's kind.
    mutating func elements(of list: Expression, as v: String, _ ctx: Context) throws -> (list: String, alias: String, inner: Context, element: ValueKind) {
        let (l, lk) = try expression(list, ctx)
        let element = lk.elementKind
        let j = fresh("j")
        let value = "\(j).value"
        var inner = ctx
        inner[v] = (value, element)
        // Elements of a mixed list carry their JSON type, as UNWIND's do.
        if element == .any { storedKinds[value] = "(CASE \(j).type WHEN 'array' THEN 'list' WHEN 'object' THEN 'map' WHEN 'true' THEN 'boolean' WHEN 'false' THEN 'boolean' END)" }
        return (l, j, inner, element)
    }

    /// `any(x IN list WHERE p)`, `all`, `none`, `single`, with Cypher's nulls: an
    /// element whose predicate is null makes the answer null unless others decide it.
    mutating func quantifier(_ name: String, _ v: String, _ list: Expression, _ predicate: Expression, _ ctx: Context) throws -> (sql: String, kind: ValueKind) {
        let (l, j, inner, _) = try elements(of: list, as: v, ctx)
        let p = try expression(predicate, inner).sql
        let counts = "SELECT coalesce(sum((\(p)) IS 1), 0) AS t, coalesce(sum((\(p)) IS NULL), 0) AS n, count(*) AS c FROM json_each(\(l)) AS \(j)"
        let verdict: String
        switch name {
        case "any": verdict = "CASE WHEN t > 0 THEN 1 WHEN n > 0 THEN NULL ELSE 0 END"
        case "all": verdict = "CASE WHEN c - t - n > 0 THEN 0 WHEN n > 0 THEN NULL ELSE 1 END"
        case "none": verdict = "CASE WHEN t > 0 THEN 0 WHEN n > 0 THEN NULL ELSE 1 END"
        default: verdict = "CASE WHEN t > 1 THEN 0 WHEN n > 0 THEN NULL WHEN t = 1 THEN 1 ELSE 0 END"
        }
        return ("(CASE WHEN \(l) IS NULL THEN NULL ELSE (SELECT \(verdict) FROM (\(counts))) END)", .boolean)
    }

    /// `[x IN list WHERE predicate | projection]`: a subquery over the list's elements, in order.
    mutating func listComprehension(_ v: String, _ list: Expression, _ predicate: Expression?, _ projection: Expression?, _ ctx: Context) throws -> (sql: String, kind: ValueKind) {
        let (l, j, inner, element) = try elements(of: list, as: v, ctx)
        let value = "\(j).value"
        let condition = try predicate.map { " WHERE " + (try expression($0, inner).sql) } ?? ""
        let member: String, kind: ValueKind
        if let projection {
            let (sql, k) = try expression(projection, inner)
            (member, kind) = (jsonMember(sql, k, stored: try storedKind(of: projection, k, inner), tagEntities: false), k)
        } else {
            (member, kind) = (jsonMember(value, element, stored: storedKinds[value], tagEntities: false), element)
        }
        return ("(CASE WHEN \(l) IS NULL THEN NULL ELSE (SELECT coalesce(json_group_array(\(member)), '[]') FROM (SELECT * FROM json_each(\(l)) ORDER BY key) AS \(j)\(condition)) END)", .list(kind))
    }

    /// `[p = (a)-->(b) WHERE predicate | projection]`: one element per match of the pattern.
    mutating func patternComprehension(_ pattern: PathPattern, _ predicate: Expression?, _ projection: Expression, _ ctx: Context) throws -> (sql: String, kind: ValueKind) {
        let compiled = try compilePatterns([pattern], ctx)
        var inner = ctx
        for b in compiled.bound { inner[b.name] = (b.sql, b.kind) }
        var conditions = compiled.conditions
        if let predicate { conditions.append(try expression(predicate, inner).sql) }
        let (sql, kind) = try expression(projection, inner)
        let member = jsonMember(sql, kind, stored: try storedKind(of: projection, kind, inner), tagEntities: false)
        let from = compiled.from.isEmpty ? "(SELECT 1)" : compiled.from.joined(separator: ", ")
        return ("(SELECT coalesce(json_group_array(\(member)), '[]') FROM \(from)\(conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")))", .list(kind))
    }

    /// Whether compiled SQL may evaluate to NaN: it does arithmetic through the Cypher
    /// functions (`gx_arith`, `gx_pow`, `gx_add`, `gx_math`), or reads a variable that may hold NaN.
    func mayBeNaN(_ sql: String) -> Bool {
        if sql.contains("gx_arith(") || sql.contains("gx_pow(") || sql.contains("gx_add(") || sql.contains("gx_math(") { return true }
        return nanColumns.contains { Self.mentions(sql, column: $0) }
    }

    /// Whether `sql` reads `column` (`s3.v2`, not `s3.v21`).
    static func mentions(_ sql: String, column: String) -> Bool {
        var rest = sql[...]
        while let r = rest.range(of: column) {
            let before = r.lowerBound == sql.startIndex ? nil : sql[sql.index(before: r.lowerBound)]
            let after = r.upperBound == sql.endIndex ? nil : sql[r.upperBound]
            let isName: (Character?) -> Bool = { c in c.map { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." } ?? false }
            if !isName(before) && !isName(after) { return true }
            rest = sql[r.upperBound...]
        }
        return false
    }

    /// The operands of a left-deep `+` chain: `a + b + c` gives [a, b, c].
    static func additionOperands(_ e: Expression) -> [Expression] {
        var operands: [Expression] = []
        var e = e
        while case .binary("+", let l, let r, _) = e {
            operands.append(r)
            e = l
        }
        operands.append(e)
        return operands.reversed()
    }

    /// The kind argument `gx_add` gets for an operand: what compiling knows, else the
    /// stored kind, else NULL (the SQL type decides).
    mutating func additionKind(_ e: Expression, _ kind: ValueKind, _ ctx: Context) throws -> String {
        switch kind {
        case .list: return "'list'"
        case .map: return "'map'"
        case .boolean: return "'boolean'"
        case .any: return try storedKind(of: e, kind, ctx) ?? "NULL"
        case .node, .relationship, .path: throw QueryError(.semantic, "+ does not take a \(kind)", at: Self.position(of: e), in: source)
        default: return "NULL"
        }
    }

    /// `+` over a whole chain. With only numbers and strings known when compiling, SQL's
    /// own `+` and `||`; otherwise (lists, booleans, values whose kind only the data
    /// knows) one `gx_add` call for the chain, which decides each step by the values'
    /// kinds (a call per `+` would nest as deep as the chain, and SQLite's parser has a
    /// depth limit).
    mutating func addition(_ e: Expression, _ ctx: Context) throws -> (sql: String, kind: ValueKind) {
        let operands = Self.additionOperands(e)
        var compiled: [(sql: String, kind: ValueKind)] = []
        for o in operands { compiled.append(try expression(o, ctx)) }
        let plain: (ValueKind) -> Bool = { $0 == .integer || $0 == .float || $0 == .string }
        if compiled.allSatisfy({ plain($0.kind) && !mayBeNaN($0.sql) }), var sum = compiled.first {
            for next in compiled.dropFirst() { sum = add(sum, next) }
            return sum
        }
        // A list of one element kind stays one: `collect(a) + collect(b)` holds nodes;
        // lists of entities joining other kinds have their elements tagged.
        let elements = Set(compiled.map { c -> ValueKind in
            if case .list(let element) = c.kind { return element }
            return c.kind
        })
        var arguments: [String] = []
        for (o, c) in zip(operands, compiled) {
            arguments.append(elements.count > 1 ? taggedElements(c.sql, c.kind) : c.sql)
            arguments.append(try additionKind(o, c.kind, ctx))
        }
        guard compiled.contains(where: { $0.kind.isList }) else { return ("gx_add(\(arguments.joined(separator: ", ")))", .any) }
        return ("gx_add(\(arguments.joined(separator: ", ")))", .list(elements.count == 1 ? elements.first ?? .any : .any))
    }

    /// `a + b` for numbers and strings.
    func add(_ a: (sql: String, kind: ValueKind), _ b: (sql: String, kind: ValueKind)) -> (sql: String, kind: ValueKind) {
        if a.kind == .string || b.kind == .string { return ("(\(a.sql) || \(b.sql))", .string) }
        return ("(\(a.sql) + \(b.sql))", Self.arithmeticKind(a.kind, b.kind))
    }

    /// `(n:A:B)` as a condition: null for a null node; a label the store does not hold is false.
    func hasLabels(_ node: String, _ args: [Expression]) -> String {
        var conditions: [String] = []
        for a in args.dropFirst() {
            guard case .literal(.string(let label)) = a else { continue }
            if let id = termID(label), vocabulary.labels.contains(label) {
                conditions.append("EXISTS (SELECT 1 FROM node_labels WHERE node = \(node) AND label = \(id))")
            } else {
                conditions.append(dialect.falseLiteral)
            }
        }
        return "(CASE WHEN \(node) IS NULL THEN NULL ELSE (\(conditions.isEmpty ? dialect.trueLiteral : conditions.joined(separator: " AND "))) END)"
    }

    /// A pattern as a condition: whether it has a match (`WHERE (a)-->(b)`).
    mutating func existence(of pattern: PathPattern, _ ctx: Context) throws -> String {
        // Compiled on a copy, whose notes of stored kinds stay inside the EXISTS.
        var inner = self
        let compiled = try inner.compilePatterns([pattern], ctx)
        bindings = inner.bindings
        parameterIndexes = inner.parameterIndexes
        counter = inner.counter
        let conditions = compiled.conditions.isEmpty ? "" : " WHERE " + compiled.conditions.joined(separator: " AND ")
        return "EXISTS (SELECT 1 FROM \(compiled.from.isEmpty ? "(SELECT 1) AS one" : compiled.from.joined(separator: ", "))\(conditions))"
    }

    /// Compiles an expression to SQL, with its kind.
    mutating func expression(_ e: Expression, _ ctx: Context) throws -> (sql: String, kind: ValueKind) {
        if isPostgres { return try postgresExpression(e, ctx) }
        switch e {
        case .literal(let l):
            switch l {
            case .null: return ("NULL", .any)
            case .boolean(let b): return (b ? "1" : "0", .boolean)
            case .integer(let i): return (String(i), .integer)
            case .float(let d):
                guard d.isFinite else { return ("NULL", .float) }
                return (String(d).contains(".") || String(d).contains("e") ? String(d) : String(d) + ".0", .float)
            case .string(let s): return (dialect.quote(s), .string)
            }
        case .parameter(let name, let p):
            guard let value = parameters[name] else {
                throw QueryError(.semantic, "parameter $\(name) has no value; give it with --param \(name)=…", at: p, in: source)
            }
            bindings.append(value.sqlValue)
            return ("?\(bindings.count)", value.kind)
        case .variable(let name, let p):
            guard let v = ctx[name] else { throw error("variable ‘\(name)’ is not defined here", p) }
            return v
        case .property(let base, let key, _):
            let (b, kind) = try expression(base, ctx)
            switch kind {
            case .node: return nodeProperty(b, key)
            case .relationship: return (edgeProperty(b, key), .any)
            case .map: return (dialect.mapValue(b, key: key), .any)
            case .any:
                // A node or relationship from a mixed list, or a date or time (`d.year`), has
                // properties; anything else of unknown kind is a map.
                let id = "CAST(substr(\(b), 3) AS INTEGER)"
                return ("(CASE WHEN substr(\(b), 1, 1) = \(TaggedText.markerSQL) THEN (CASE substr(\(b), 2, 1) WHEN 'N' THEN \(nodeProperty(id, key).sql) WHEN 'R' THEN \(edgeProperty(id, key)) ELSE gx_temporal_field(\(b), \(dialect.quote(key))) END) ELSE \(dialect.mapValue(b, key: key)) END)", .any)
            case .path: throw QueryError(.semantic, "a path has no properties; read them from nodes(p) or relationships(p)", at: Self.position(of: e), in: source)
            default: return ("NULL", .any)
            }
        case .list(let items):
            var members: [(sql: String, kind: ValueKind, stored: String?)] = []
            var kinds = Set<ValueKind>()
            for i in items {
                let (sql, kind) = try expression(i, ctx)
                members.append((sql, kind, try storedKind(of: i, kind, ctx)))
                // A null element does not change what the list holds.
                if case .literal(.null) = i {} else { kinds.insert(kind) }
            }
            // A list of one kind of entity holds bare ids; beside other kinds they are
            // tagged, also inside nested lists (`[[n], 1]`).
            let mixed = kinds.count > 1
            var parts: [String] = []
            for m in members {
                parts.append(jsonMember(mixed ? taggedElements(m.sql, m.kind) : m.sql, m.kind, stored: m.stored, tagEntities: mixed))
            }
            // Lists of lists of mixed element kinds are still lists of lists.
            return (dialect.list(parts), .list(ofElementKinds: kinds))
        case .map(let entries):
            var parts: [(String, String)] = []
            for (k, v) in entries {
                let (sql, kind) = try expression(v, ctx)
                // A map's values are of any kind: entities in them, or in lists in them, are tagged.
                parts.append((k, jsonMember(taggedElements(sql, kind), kind, stored: try storedKind(of: v, kind, ctx))))
            }
            return (dialect.map(parts), .map)
        case .unary(let op, let inner, _):
            let (sql, kind) = try expression(inner, ctx)
            switch op {
            case "NOT":
                guard Self.canBeBoolean(kind) else {
                    throw QueryError(.semantic, "NOT takes a boolean, not a \(kind)", at: Self.position(of: inner), in: source)
                }
                return ("(NOT \(sql))", .boolean)
            default: return (mayBeNaN(sql) ? "gx_arith('*', \(sql), -1)" : "(-\(sql))", kind)
            }
        case .isNull(let inner, let negated):
            let (sql, _) = try expression(inner, ctx)
            return ("(\(sql) IS \(negated ? "NOT " : "")NULL)", .boolean)
        case .binary("+", _, _, _):
            return try addition(e, ctx)
        case .binary(let op, let l, let r, _):
            return try binary(op, l, r, ctx)
        case .function(let name, _, let args, _) where Parser.quantifiers.contains(name.lowercased()):
            guard case .listComprehension(let v, let list, let predicate?, _, _)? = args.first else {
                throw error("\(name)() takes x IN list WHERE predicate")
            }
            return try quantifier(name.lowercased(), v, list, predicate, ctx)
        case .function(let name, let distinct, let args, let p):
            return try function(name.lowercased(), distinct: distinct, args, ctx, p)
        case .countStar:
            return ("count(*)", .integer)
        case .caseWhen(let subject, let branches, let otherwise):
            var sql = "(CASE"
            var kind: ValueKind?
            if let subject { sql += " " + (try expression(subject, ctx).sql) }
            for (condition, value) in branches {
                let c = try expression(condition, ctx).sql
                let v = try expression(value, ctx)
                kind = kind ?? v.kind
                sql += " WHEN \(c) THEN \(v.sql)"
            }
            if let otherwise { sql += " ELSE " + (try expression(otherwise, ctx).sql) }
            return (sql + " END)", kind ?? .any)
        case .index(let base, let index, _):
            let (b, kind) = try expression(base, ctx)
            let (i, ik) = try expression(index, ctx)
            if kind == .map || ik == .string { return (dialect.mapValue(b, key: "") == "" ? "NULL" : "json_extract(\(b), '$.\"' || \(i) || '\"')", .any) }
            return (dialect.element(b, at: i), kind.elementKind)
        case .slice(let base, let from, let to, let p):
            let (l, kind) = try expression(base, ctx)
            guard kind.isList || kind == .any else { throw QueryError(.semantic, "only a list can be sliced, not a \(kind)", at: p, in: source) }
            let lo = try from.map { try expression($0, ctx).sql }, hi = try to.map { try expression($0, ctx).sql }
            // A null bound makes the slice null.
            let nulls = [lo, hi].compactMap { $0 }.map { "(\($0)) IS NULL" }
            let sliced = slice(l, from: lo, to: hi)
            return (nulls.isEmpty ? sliced : "(CASE WHEN \(nulls.joined(separator: " OR ")) THEN NULL ELSE \(sliced) END)", kind.isList ? kind : .list(.any))
        case .listComprehension(let v, let list, let predicate, let projection, _):
            return try listComprehension(v, list, predicate, projection, ctx)
        case .patternComprehension(let pattern, let predicate, let projection, _):
            return try patternComprehension(pattern, predicate, projection, ctx)
        case .patternPredicate(let pattern):
            return (try existence(of: pattern, ctx), .boolean)
        }
    }

    mutating func binary(_ op: String, _ l: Expression, _ r: Expression, _ ctx: Context) throws -> (sql: String, kind: ValueKind) {
        let (a, ak) = try expression(l, ctx)
        let (b, bk) = try expression(r, ctx)
        switch op {
        case "AND", "OR", "XOR":
            for (k, e) in [(ak, l), (bk, r)] where !Self.canBeBoolean(k) {
                throw QueryError(.semantic, "\(op) takes booleans, not a \(k)", at: Self.position(of: e), in: source)
            }
            return op == "XOR" ? ("((\(a) <> 0) <> (\(b) <> 0))", .boolean) : ("(\(a) \(op) \(b))", .boolean)
        case "=", "<>", "<", ">", "<=", ">=":
            // Values of different kinds never compare (null), as in Cypher.
            // Lists and maps compare by value, with Cypher's nulls, not as JSON text.
            // So do values that may be NaN, which equals nothing and is neither below nor
            // above, and values whose kind only the data knows (`true = 1` is false) —
            // except against a string with = or <>, where SQL already gives Cypher's answer.
            let structured: (ValueKind) -> Bool = { $0.isJSON }
            let againstString = (op == "=" || op == "<>") && (ak == .string || bk == .string)
            if structured(ak) || structured(bk) || mayBeNaN(a) || mayBeNaN(b) || (ak == .any || bk == .any) && !againstString {
                let args = "\(a), \(try comparisonKind(l, ak, ctx)), \(b), \(try comparisonKind(r, bk, ctx))"
                switch op {
                case "=": return ("gx_eq(\(args))", .boolean)
                case "<>": return ("(1 - gx_eq(\(args)))", .boolean)
                default: return ("gx_cmp(\(args), '\(op)')", .boolean)
                }
            }
            // Equality across kinds is false (inequality true) unless a side is null.
            let comparable = !(Self.isNumber(ak) && bk == .string || Self.isNumber(bk) && ak == .string) && (ak == .boolean) == (bk == .boolean)
            if comparable { return ("(\(a) \(op) \(b))", .boolean) }
            switch op {
            case "=": return ("(CASE WHEN \(a) IS NULL OR \(b) IS NULL THEN NULL ELSE 0 END)", .boolean)
            case "<>": return ("(CASE WHEN \(a) IS NULL OR \(b) IS NULL THEN NULL ELSE 1 END)", .boolean)
            default: return ("NULL", .boolean)
            }
        case "=~": return (dialect.regexMatch(text: a, pattern: b), .boolean)
        case "IN":
            // SQL's IN where kinds cannot mix (strings among strings, numbers among numbers);
            // Cypher's equality element by element otherwise (`true IN [1]` is false).
            let element = bk.elementKind
            if element == .string && (ak == .string || ak == .any) || Self.isNumber(element) && Self.isNumber(ak) {
                return ("(CASE WHEN \(b) IS NULL THEN NULL ELSE \(a) IN (\(dialect.elements(b))) END)", .boolean)
            }
            let entity = element == .node || element == .relationship || element == .path ? "'\(element)'" : "NULL"
            return ("gx_in(\(a), \(try comparisonKind(l, ak, ctx)), \(b), \(entity))", .boolean)
        case "STARTS WITH": return (dialect.startsWith(a, b), .boolean)
        case "ENDS WITH": return (dialect.endsWith(a, b), .boolean)
        case "CONTAINS": return (dialect.contains(a, b), .boolean)
        case "-", "*":
            // NaN, and values only the data knows (a date minus a duration), need Cypher's arithmetic.
            if mayBeNaN(a) || mayBeNaN(b) || ak == .any || bk == .any { return ("gx_arith('\(op)', \(a), \(b))", Self.arithmeticKind(ak, bk)) }
            return ("(\(a) \(op) \(b))", Self.arithmeticKind(ak, bk))
        case "/", "%":
            // Cypher's division: a zero integer divisor is an error, 0.0 / 0.0 is NaN and
            // 1.0 / 0.0 infinity, where SQLite's `/` and `%` give NULL.
            return ("gx_arith('\(op)', \(a), \(b))", Self.arithmeticKind(ak, bk))
        case "^": return (dialect.power(a, b), .float)
        default: throw error("unknown operator \(op)")
        }
    }

    static func isNumber(_ k: ValueKind) -> Bool { k == .integer || k == .float }

    /// What `gx_eq`, `gx_cmp` and `gx_in` are told an operand is: an entity, JSON, a
    /// boolean, its stored kind, or NULL (its SQL type says).
    mutating func comparisonKind(_ e: Expression, _ kind: ValueKind, _ ctx: Context) throws -> String {
        switch kind {
        case .node: return "'node'"
        case .relationship: return "'relationship'"
        case .path: return "'path'"
        default: break
        }
        if kind.isJSON { return "'json'" }
        if kind == .boolean { return "'boolean'" }
        return try storedKind(of: e, kind, ctx) ?? "NULL"
    }

    /// False for kinds that are never booleans (InvalidArgumentType at compile time).
    static func canBeBoolean(_ k: ValueKind) -> Bool { k == .boolean || k == .any }

    static func position(of e: Expression) -> SourcePosition? { Binder.position(of: e) }

    static func arithmeticKind(_ a: ValueKind, _ b: ValueKind) -> ValueKind {
        if a == .float || b == .float { return .float }
        if a == .integer && b == .integer { return .integer }
        return .any
    }

    mutating func function(_ name: String, distinct: Bool, _ args: [Expression], _ ctx: Context, _ p: SourcePosition) throws -> (sql: String, kind: ValueKind) {
        func arity(_ n: Int) throws {
            guard args.count == n else { throw QueryError(.semantic, "\(name)() takes \(n) argument\(n == 1 ? "" : "s"), \(args.count) given", at: p, in: source) }
        }
        var compiled: [(sql: String, kind: ValueKind)] = []
        for a in args { compiled.append(try expression(a, ctx)) }
        let x = compiled.first?.sql ?? "NULL"
        let k = compiled.first?.kind ?? .any
        // NaN (a BLOB in SQL) through a numeric function: NaN again, or what Cypher makes of it.
        let nan = args.count == 1 && mayBeNaN(x)
        func onNaN(_ result: (sql: String, kind: ValueKind), _ value: String) -> (sql: String, kind: ValueKind) {
            nan ? ("(CASE WHEN typeof(\(x)) = 'blob' THEN \(value) ELSE \(result.sql) END)", result.kind) : result
        }
        switch name {
        case "count": try arity(1); return ("count(\(distinct ? "DISTINCT " : "")\(x))", .integer)
        case "sum": try arity(1); return ("coalesce(sum(\(distinct ? "DISTINCT " : "")\(x)), 0)", k == .float ? .float : (k == .integer ? .integer : .any))
        case "avg": try arity(1); return ("avg(\(distinct ? "DISTINCT " : "")\(x))", .float)
        case "stdev", "stdevp": try arity(1); return ("gx_\(name)(\(distinct ? "DISTINCT " : "")\(x))", .float)
        case "percentiledisc", "percentilecont":
            try arity(2)
            return ("gx_percentile_\(name.dropFirst("percentile".count))(\(x), \(compiled[1].sql))", name == "percentiledisc" ? k : .float)
        case "min", "max":
            try arity(1)
            // Values of mixed or structured kinds need Cypher's order, not SQLite's.
            let kindSQL = k.isList ? "'list'" : (k == .map ? "'map'" : try storedKind(of: args[0], k, ctx))
            guard let kindSQL else { return ("\(name)(\(x))", k) }
            let sql = "gx_\(name)(\(x), \(kindSQL))"
            if k == .any { aggregateKinds[sql] = "gx_\(name)kind(\(x), \(kindSQL))" }
            return (sql, k)
        case "collect":
            try arity(1)
            return ("coalesce(\(dialect.collect(jsonMember(x, k, stored: try storedKind(of: args[0], k, ctx), tagEntities: false), distinct: distinct, nestedLists: false)), '[]')", .list(k))
        case "type":
            try arity(1)
            guard k == .relationship || k == .any else { throw QueryError(.semantic, "type() takes a relationship", at: p, in: source) }
            return (edgeProperty(x, "type"), .string)
        case "labels":
            try arity(1)
            return ("(SELECT coalesce(json_group_array(v), '[]') FROM (SELECT t.value AS v FROM node_labels l JOIN terms t ON t.id = l.label WHERE l.node = \(x) ORDER BY t.value))", .list(.string))
        case "id": try arity(1); return (x, .integer)
        case "startnode": try arity(1); return ("(SELECT s FROM triples WHERE id = \(x))", .node)
        case "endnode": try arity(1); return ("(SELECT o FROM triples WHERE id = \(x))", .node)
        case "size", "length":
            try arity(1)
            if k == .path {
                guard name == "length" else { throw QueryError(.semantic, "size() takes a list or a string, not a path; length(p) counts its relationships", at: p, in: source) }
                return ("((json_array_length(\(x)) - 1) / 2)", .integer)
            }
            if k == .node || k == .relationship || k == .map || k == .boolean || Self.isNumber(k) {
                throw QueryError(.semantic, "\(name)() takes a list or a string, not a \(k)", at: p, in: source)
            }
            if k.isList { return (dialect.length(ofList: x), .integer) }
            return ("(CASE WHEN json_valid(\(x)) AND json_type(\(x)) = 'array' THEN json_array_length(\(x)) ELSE length(\(x)) END)", .integer)
        case "tolower", "lower": try arity(1); return ("lower(\(x))", .string)
        case "toupper", "upper": try arity(1); return ("upper(\(x))", .string)
        case "trim", "ltrim", "rtrim": try arity(1); return ("\(name)(\(x))", .string)
        case "replace": try arity(3); return ("replace(\(x), \(compiled[1].sql), \(compiled[2].sql))", .string)
        case "substring":
            guard args.count == 2 || args.count == 3 else { throw QueryError(.semantic, "substring() takes 2 or 3 arguments", at: p, in: source) }
            return ("substr(\(x), (\(compiled[1].sql)) + 1\(args.count == 3 ? ", \(compiled[2].sql)" : ""))", .string)
        case "left": try arity(2); return ("substr(\(x), 1, \(compiled[1].sql))", .string)
        case "right": try arity(2); return ("(CASE WHEN \(compiled[1].sql) = 0 THEN '' ELSE substr(\(x), -(\(compiled[1].sql))) END)", .string)
        case "reverse": try arity(1); return ("(WITH RECURSIVE r(i, out) AS (SELECT length(\(x)), '' UNION ALL SELECT i - 1, out || substr(\(x), i, 1) FROM r WHERE i > 0) SELECT out FROM r WHERE i = 0)", .string)
        case "coalesce":
            guard !args.isEmpty else { throw QueryError(.semantic, "coalesce() takes at least one argument", at: p, in: source) }
            return (args.count == 1 ? x : "coalesce(\(compiled.map(\.sql).joined(separator: ", ")))", k)
        case "tostring":
            try arity(1)
            // A date or time shows its ISO form; a boolean true or false, also when only
            // its stored kind says so.
            let plain = "(CASE typeof(\(x)) WHEN 'null' THEN NULL WHEN 'text' THEN (CASE WHEN substr(\(x), 1, 1) = \(TaggedText.markerSQL) THEN substr(\(x), instr(\(x), \(TaggedText.separatorSQL)) + 1) ELSE \(x) END) ELSE CAST(\(x) AS TEXT) END)"
            guard let stored = k == .boolean ? "'boolean'" : try storedKind(of: args[0], k, ctx) else { return onNaN((plain, .string), "'NaN'") }
            return ("(CASE WHEN \(stored) = 'boolean' THEN (CASE \(x) WHEN 1 THEN 'true' WHEN 0 THEN 'false' END) ELSE \(plain) END)", .string)
        case "date", "localtime", "time", "localdatetime", "datetime", "duration":
            guard args.count <= 1, name != "duration" || args.count == 1 else { throw QueryError(.semantic, "\(name)() takes a map, a string, or nothing (now)", at: p, in: source) }
            if let k = compiled.first?.kind, k != .map && k != .string && k != .any {
                throw QueryError(.semantic, "\(name)() takes a map or an ISO string, not a \(k)", at: p, in: source)
            }
            return ("gx_temporal('\(name)'\(args.isEmpty ? "" : ", " + x))", .any)
        case "tointeger": try arity(1); return onNaN(("(CASE WHEN typeof(\(x)) IN ('integer', 'real') THEN CAST(\(x) AS INTEGER) WHEN typeof(\(x)) = 'text' AND trim(\(x)) GLOB '*[0-9]*' AND CAST(CAST(\(x) AS REAL) AS TEXT) <> '0.0' OR trim(\(x)) IN ('0', '0.0') THEN CAST(CAST(\(x) AS REAL) AS INTEGER) ELSE NULL END)", .integer), "NULL")
        case "tofloat": try arity(1); return onNaN(("(CASE WHEN typeof(\(x)) IN ('integer', 'real') THEN CAST(\(x) AS REAL) WHEN typeof(\(x)) = 'text' AND trim(\(x)) GLOB '*[0-9]*' THEN CAST(\(x) AS REAL) ELSE NULL END)", .float), x)
        case "toboolean": try arity(1); return ("(CASE lower(CAST(\(x) AS TEXT)) WHEN 'true' THEN 1 WHEN 'false' THEN 0 WHEN '1' THEN 1 WHEN '0' THEN 0 ELSE NULL END)", .boolean)
        case "abs": try arity(1); return onNaN(("abs(\(x))", k), x)
        case "sign": try arity(1); return onNaN(("(CASE WHEN \(x) > 0 THEN 1 WHEN \(x) < 0 THEN -1 WHEN \(x) = 0 THEN 0 END)", .integer), x)
        case "round": try arity(1); return onNaN(("round(\(x))", .float), x)
        case "floor": try arity(1); return onNaN(("(CASE WHEN \(x) = CAST(\(x) AS INTEGER) THEN CAST(\(x) AS REAL) WHEN \(x) > 0 THEN CAST(CAST(\(x) AS INTEGER) AS REAL) ELSE CAST(CAST(\(x) AS INTEGER) - 1 AS REAL) END)", .float), x)
        case "ceil": try arity(1); return onNaN(("(CASE WHEN \(x) = CAST(\(x) AS INTEGER) THEN CAST(\(x) AS REAL) WHEN \(x) > 0 THEN CAST(CAST(\(x) AS INTEGER) + 1 AS REAL) ELSE CAST(CAST(\(x) AS INTEGER) AS REAL) END)", .float), x)
        case "sqrt": try arity(1); return (dialect.power(x, "0.5"), .float)
        case "head": try arity(1); return (dialect.element(x, at: "0"), k.elementKind)
        case "last": try arity(1); return (dialect.element(x, at: "-1"), k.elementKind)
        case "tail": try arity(1); return (slice(x, from: "1", to: nil), k)
        case "range":
            guard args.count == 2 || args.count == 3 else { throw QueryError(.semantic, "range() takes 2 or 3 arguments", at: p, in: source) }
            let step = args.count == 3 ? compiled[2].sql : "1"
            return ("(WITH RECURSIVE r(v) AS (SELECT \(x) UNION ALL SELECT v + \(step) FROM r WHERE (\(step) > 0 AND v + \(step) <= \(compiled[1].sql)) OR (\(step) < 0 AND v + \(step) >= \(compiled[1].sql)) LIMIT 100001) SELECT coalesce(json_group_array(v), '[]') FROM r WHERE (\(step) > 0 AND v <= \(compiled[1].sql)) OR (\(step) < 0 AND v >= \(compiled[1].sql)))", .list(.integer))
        case "split": try arity(2); return ("(WITH RECURSIVE sp(rest, part, i) AS (SELECT \(x) || \(compiled[1].sql), NULL, 0 UNION ALL SELECT substr(rest, instr(rest, \(compiled[1].sql)) + length(\(compiled[1].sql))), substr(rest, 1, instr(rest, \(compiled[1].sql)) - 1), i + 1 FROM sp WHERE instr(rest, \(compiled[1].sql)) > 0 AND length(\(compiled[1].sql)) > 0 AND i < 100000) SELECT json_group_array(part) FROM sp WHERE part IS NOT NULL)", .list(.string))
        case "keys":
            try arity(1)
            if k == .node { return ("(SELECT coalesce(json_group_array(t.value), '[]') FROM node_props p JOIN terms t ON t.id = p.key WHERE p.node = \(x))", .list(.string)) }
            if k == .relationship { return ("(SELECT coalesce(json_group_array(t.value), '[]') FROM edge_props p JOIN terms t ON t.id = p.key WHERE p.edge = \(x))", .list(.string)) }
            return ("(SELECT coalesce(json_group_array(key), '[]') FROM json_each(\(x)))", .list(.string))
        case "properties":
            try arity(1)
            if k == .node { return ("(SELECT json_group_object(t.value, CASE p.kind WHEN 'list' THEN json(p.value) ELSE p.value END) FROM node_props p JOIN terms t ON t.id = p.key WHERE p.node = \(x))", .map) }
            if k == .relationship { return ("(SELECT json_group_object(t.value, CASE p.kind WHEN 'list' THEN json(p.value) ELSE p.value END) FROM edge_props p JOIN terms t ON t.id = p.key WHERE p.edge = \(x))", .map) }
            return (x, .map)
        case "__haslabels":
            return (hasLabels(x, args), .boolean)
        case "rand": try arity(0); return ("(random() / 18446744073709551616.0 + 0.5)", .float)
        case "pi", "e": try arity(0); return ("gx_math('\(name)', NULL)", .float)
        case "log", "log10", "exp", "sin", "cos", "tan", "asin", "acos", "atan", "degrees", "radians":
            try arity(1)
            return ("gx_math('\(name)', \(x))", .float)
        case "atan2": try arity(2); return ("gx_math('atan2', \(x), \(compiled[1].sql))", .float)
        case "isempty":
            try arity(1)
            if k == .map { return ("(\(x) = '{}')", .boolean) }
            if k.isList { return ("(\(dialect.length(ofList: x)) = 0)", .boolean) }
            guard k == .string || k == .any else { throw QueryError(.semantic, "isEmpty() takes a list, a string or a map, not a \(k)", at: p, in: source) }
            return ("(CASE WHEN json_valid(\(x)) AND json_type(\(x)) = 'array' THEN json_array_length(\(x)) = 0 WHEN json_valid(\(x)) AND json_type(\(x)) = 'object' THEN \(x) = '{}' ELSE length(\(x)) = 0 END)", .boolean)
        case "exists":
            try arity(1)
            return ("(\(x) IS NOT NULL)", .boolean)
        case "nodes", "relationships":
            try arity(1)
            guard k == .path || k == .any else { throw QueryError(.semantic, "\(name)() takes a path, not a \(k)", at: p, in: source) }
            // A path is [node, rel, node, …]: nodes at even places, relationships at odd.
            let e = fresh("e")
            return ("(CASE WHEN \(x) IS NULL THEN NULL ELSE (SELECT coalesce(json_group_array(\(e).value), '[]') FROM (SELECT value FROM json_each(\(x)) WHERE key % 2 = \(name == "nodes" ? 0 : 1) ORDER BY key) AS \(e)) END)", .list(name == "nodes" ? .node : .relationship))
        default:
            throw QueryError(.semantic, "unknown function \(name)()", at: p, in: source)
        }
    }
}
