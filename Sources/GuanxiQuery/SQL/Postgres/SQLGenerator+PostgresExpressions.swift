import GuanxiStore

/// Expressions compiled for PostgreSQL, by the value model of `PostgresDialect`. The
/// same Cypher semantics as the SQLite expressions beside it; what PostgreSQL cannot
/// do yet (dates, times and durations) is refused when compiling, with its place.
extension SQLGenerator {
    mutating func postgresExpression(_ e: Expression, _ ctx: Context) throws -> (sql: String, kind: ValueKind) {
        switch e {
        case .literal(let l):
            switch l {
            case .null: return ("NULL::jsonb", .any)
            case .boolean(let b): return (b ? "TRUE" : "FALSE", .boolean)
            case .integer(let i): return ("(\(i))::bigint", .integer)
            case .float(let d):
                guard d.isFinite else { return ("NULL::float8", .float) }
                return ("(\(d))::float8", .float)
            case .string(let s): return (dialect.quote(s) + "::text", .string)
            }
        case .parameter(let name, let p):
            guard let value = parameters[name] else {
                throw QueryError(.semantic, "parameter $\(name) has no value; give it with --param \(name)=…", at: p, in: source)
            }
            // One placeholder per parameter: PostgreSQL must see every one it is given
            // (a pattern compiles its conditions more often than it uses them).
            let index: Int
            if let seen = parameterIndexes[name] {
                index = seen
            } else {
                bindings.append(value.sqlValue)
                index = bindings.count
                parameterIndexes[name] = index
            }
            let type: String
            switch value.kind {
            case .integer: type = "bigint"
            case .float: type = "float8"
            case .string: type = "text"
            case .boolean: type = "boolean"
            default: type = "jsonb"
            }
            return ("?\(index)::\(type)", value.kind)
        case .variable(let name, let p):
            guard let v = ctx[name] else { throw error("variable ‘\(name)’ is not defined here", p) }
            return v
        case .property(let base, let key, _):
            let (b, kind) = try expression(base, ctx)
            switch kind {
            case .node: return pgNodeProperty(b, key)
            case .relationship: return (pgEdgeProperty(b, key), .any)
            case .map: return (dialect.mapValue(b, key: key), .any)
            case .any:
                // A node or relationship from a mixed list has properties; anything else of
                // unknown kind is a map.
                let id = "(substr(\(b) #>> '{}', 3))::bigint"
                return ("(CASE WHEN gx_rank(\(b)) = 1 THEN \(pgNodeProperty(id, key).sql) WHEN gx_rank(\(b)) = 2 THEN \(pgEdgeProperty(id, key)) WHEN gx_rank(\(b)) = 5 THEN gx_temporal_field(\(b), \(dialect.quote(key))::text) WHEN jsonb_typeof(\(b)) = 'object' THEN \(dialect.mapValue(b, key: key)) END)", .any)
            case .path: throw QueryError(.semantic, "a path has no properties; read them from nodes(p) or relationships(p)", at: Self.position(of: e), in: source)
            default: return ("NULL::jsonb", .any)
            }
        case .list(let items):
            var members: [(sql: String, kind: ValueKind)] = []
            var kinds = Set<ValueKind>()
            for i in items {
                let m = try expression(i, ctx)
                members.append(m)
                if case .literal(.null) = i {} else { kinds.insert(m.kind) }
            }
            let mixed = kinds.count > 1
            var parts: [String] = []
            for m in members { parts.append(pgMember(m.sql, m.kind, tag: mixed)) }
            return (dialect.list(parts), .list(ofElementKinds: kinds))
        case .map(let entries):
            var parts: [(String, String)] = []
            for (k, v) in entries {
                let (sql, kind) = try expression(v, ctx)
                parts.append((k, pgMember(sql, kind, tag: true)))
            }
            return (dialect.map(parts), .map)
        case .unary(let op, let inner, _):
            let (sql, kind) = try expression(inner, ctx)
            switch op {
            case "NOT":
                guard Self.canBeBoolean(kind) else {
                    throw QueryError(.semantic, "NOT takes a boolean, not a \(kind)", at: Self.position(of: inner), in: source)
                }
                return ("(NOT \(try pgCondition(sql, kind, inner)))", .boolean)
            default:
                if kind == .integer || kind == .float { return ("(-\(sql))", kind) }
                return ("gx_arith('*', \(pgJSON(sql, kind)), '-1'::jsonb)", .any)
            }
        case .isNull(let inner, let negated):
            let (sql, _) = try expression(inner, ctx)
            return ("(\(sql) IS \(negated ? "NOT " : "")NULL)", .boolean)
        case .binary("+", _, _, _):
            return try pgAddition(e, ctx)
        case .binary(let op, let l, let r, _):
            return try pgBinary(op, l, r, ctx)
        case .function(let name, _, let args, _) where Parser.quantifiers.contains(name.lowercased()):
            guard case .listComprehension(let v, let list, let predicate?, _, _)? = args.first else {
                throw error("\(name)() takes x IN list WHERE predicate")
            }
            return try pgQuantifier(name.lowercased(), v, list, predicate, ctx)
        case .function(let name, let distinct, let args, let p):
            return try pgFunction(name.lowercased(), distinct: distinct, args, ctx, p)
        case .countStar:
            return ("count(*)", .integer)
        case .caseWhen(let subject, let branches, let otherwise):
            var values: [(sql: String, kind: ValueKind)] = []
            var conditions: [String] = []
            let s = try subject.map { try expression($0, ctx) }
            for (condition, value) in branches {
                let c = try expression(condition, ctx)
                if let s {
                    conditions.append(pgComparison("=", s, c))
                } else {
                    conditions.append(try pgCondition(c.sql, c.kind, condition))
                }
                values.append(try expression(value, ctx))
            }
            if let otherwise { values.append(try expression(otherwise, ctx)) }
            let unified = pgUnify(values)
            var sql = "(CASE"
            for (i, c) in conditions.enumerated() { sql += " WHEN \(c) THEN \(unified.sqls[i])" }
            if otherwise != nil, let last = unified.sqls.last { sql += " ELSE \(last)" }
            return (sql + " END)", unified.kind)
        case .index(let base, let index, _):
            let (b, kind) = try expression(base, ctx)
            let (i, ik) = try expression(index, ctx)
            if kind == .map || ik == .string || ik == .any && kind != .list(.any) && !kind.isList {
                return ("nullif(\(b) -> \(pgText(i, ik)), 'null'::jsonb)", .any)
            }
            let element = kind.elementKind
            return (pgTyped(fromJSON: dialect.element(b, at: ik == .integer ? i : pgTyped(fromJSON: i, .integer)), element), element)
        case .slice(let base, let from, let to, let p):
            let (l, kind) = try expression(base, ctx)
            guard kind.isList || kind == .any else { throw QueryError(.semantic, "only a list can be sliced, not a \(kind)", at: p, in: source) }
            let lo = try from.map { try pgInteger(try expression($0, ctx)) }, hi = try to.map { try pgInteger(try expression($0, ctx)) }
            let nulls = [lo, hi].compactMap { $0 }.map { "(\($0)) IS NULL" }
            let sliced = pgSlice(l, from: lo, to: hi)
            return (nulls.isEmpty ? sliced : "(CASE WHEN \(nulls.joined(separator: " OR ")) THEN NULL ELSE \(sliced) END)", kind.isList ? kind : .list(.any))
        case .listComprehension(let v, let list, let predicate, let projection, _):
            let (l, j, inner, element) = try pgElements(of: list, as: v, ctx)
            let condition = try predicate.map { p -> String in
                let c = try expression(p, inner)
                return " WHERE " + (try pgCondition(c.sql, c.kind, p))
            } ?? ""
            let member: String, kind: ValueKind
            if let projection {
                let (sql, k) = try expression(projection, inner)
                (member, kind) = (pgMember(sql, k, tag: false), k)
            } else {
                (member, kind) = ("\(j).value", element)
            }
            return ("(CASE WHEN \(l) IS NULL THEN NULL ELSE (SELECT coalesce(jsonb_agg(\(member) ORDER BY \(j).o), '[]'::jsonb) FROM jsonb_array_elements(\(l)) WITH ORDINALITY AS \(j)(value, o)\(condition)) END)", .list(kind))
        case .patternComprehension(let pattern, let predicate, let projection, _):
            let compiled = try compilePatterns([pattern], ctx)
            var inner = ctx
            for b in compiled.bound { inner[b.name] = (b.sql, b.kind) }
            var conditions = compiled.conditions
            if let predicate {
                let c = try expression(predicate, inner)
                conditions.append(try pgCondition(c.sql, c.kind, predicate))
            }
            let (sql, kind) = try expression(projection, inner)
            let from = compiled.from.isEmpty ? "(SELECT 1) AS one" : compiled.from.joined(separator: ", ")
            return ("(SELECT coalesce(jsonb_agg(\(pgMember(sql, kind, tag: false))), '[]'::jsonb) FROM \(from)\(conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")))", .list(kind))
        case .patternPredicate(let pattern):
            return (try existence(of: pattern, ctx), .boolean)
        }
    }

    /// The text of a string operand: a stored property of a node or relationship read
    /// as the stored text itself (no `jsonb` made per row to be taken apart again).
    mutating func pgTextOperand(_ e: Expression, _ compiled: (sql: String, kind: ValueKind), _ ctx: Context) throws -> String {
        if case .property(let base, let key, _) = e, let id = termID(key) {
            let (b, kind) = try expression(base, ctx)
            if kind == .node, !Self.nodeKeyHasDefault(key) {
                return "(SELECT value FROM node_props WHERE node = \(b) AND key = \(id) AND kind = 'string')"
            }
            if kind == .relationship, !Self.edgeKeyHasDefault(key) {
                return "(SELECT value FROM edge_props WHERE edge = \(b) AND key = \(id) AND kind = 'string')"
            }
        }
        return pgText(compiled.sql, compiled.kind)
    }

    /// An integer operand (a list index or slice bound) as `bigint`.
    func pgInteger(_ v: (sql: String, kind: ValueKind)) throws -> String {
        v.kind == .integer ? v.sql : pgTyped(fromJSON: pgJSON(v.sql, v.kind), .integer)
    }

    /// A list's elements as a variable: the list, the alias of its elements (`value`
    /// and their place `o`), the context with `v` bound to an element, and its kind.
    mutating func pgElements(of list: Expression, as v: String, _ ctx: Context) throws -> (list: String, alias: String, inner: Context, element: ValueKind) {
        let (l, lk) = try expression(list, ctx)
        guard lk.isList || lk == .any else { throw QueryError(.semantic, "IN takes a list, not a \(lk)", at: Self.position(of: list), in: source) }
        let element = lk.elementKind
        let j = fresh("j")
        var inner = ctx
        inner[v] = (pgTyped(fromJSON: "\(j).value", element), element)
        return (l, j, inner, element)
    }

    /// `list[from..to]`; a negative bound counts from the end.
    mutating func pgSlice(_ list: String, from: String?, to: String?) -> String {
        let j = fresh("j")
        func bound(_ b: String) -> String { "(CASE WHEN (\(b)) < 0 THEN jsonb_array_length(\(list)) + (\(b)) ELSE (\(b)) END)" }
        var conditions: [String] = []
        if let from { conditions.append("\(j).o - 1 >= \(bound(from))") }
        if let to { conditions.append("\(j).o - 1 < \(bound(to))") }
        let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        return "(CASE WHEN \(list) IS NULL THEN NULL ELSE (SELECT coalesce(jsonb_agg(\(j).value ORDER BY \(j).o), '[]'::jsonb) FROM jsonb_array_elements(\(list)) WITH ORDINALITY AS \(j)(value, o)\(filter)) END)"
    }

    /// `any(x IN list WHERE p)`, `all`, `none`, `single`, with Cypher's nulls.
    mutating func pgQuantifier(_ name: String, _ v: String, _ list: Expression, _ predicate: Expression, _ ctx: Context) throws -> (sql: String, kind: ValueKind) {
        let (l, j, inner, _) = try pgElements(of: list, as: v, ctx)
        let c = try expression(predicate, inner)
        let p = try pgCondition(c.sql, c.kind, predicate)
        let counts = "SELECT count(*) FILTER (WHERE (\(p)) IS TRUE) AS t, count(*) FILTER (WHERE (\(p)) IS NULL) AS n, count(*) AS c FROM jsonb_array_elements(\(l)) WITH ORDINALITY AS \(j)(value, o)"
        let verdict: String
        switch name {
        case "any": verdict = "CASE WHEN t > 0 THEN TRUE WHEN n > 0 THEN NULL ELSE FALSE END"
        case "all": verdict = "CASE WHEN c - t - n > 0 THEN FALSE WHEN n > 0 THEN NULL ELSE TRUE END"
        case "none": verdict = "CASE WHEN t > 0 THEN FALSE WHEN n > 0 THEN NULL ELSE TRUE END"
        default: verdict = "CASE WHEN t > 1 THEN FALSE WHEN n > 0 THEN NULL WHEN t = 1 THEN TRUE ELSE FALSE END"
        }
        return ("(CASE WHEN \(l) IS NULL THEN NULL ELSE (SELECT \(verdict) FROM (\(counts)) AS q) END)", .boolean)
    }

    /// `+` over a whole chain: SQL's own `+` and `||` for numbers and strings known when
    /// compiling, `gx_add` step by step otherwise.
    mutating func pgAddition(_ e: Expression, _ ctx: Context) throws -> (sql: String, kind: ValueKind) {
        var compiled: [(sql: String, kind: ValueKind)] = []
        for o in Self.additionOperands(e) {
            let c = try expression(o, ctx)
            if c.kind == .node || c.kind == .relationship || c.kind == .path {
                throw QueryError(.semantic, "+ does not take a \(c.kind)", at: Self.position(of: o), in: source)
            }
            compiled.append(c)
        }
        let number: (ValueKind) -> Bool = { $0 == .integer || $0 == .float }
        if compiled.allSatisfy({ number($0.kind) }), var sum = compiled.first {
            for next in compiled.dropFirst() { sum = ("(\(sum.sql) + \(next.sql))", Self.arithmeticKind(sum.kind, next.kind)) }
            return sum
        }
        if compiled.allSatisfy({ $0.kind == .string }) {
            return ("(" + compiled.map(\.sql).joined(separator: " || ") + ")", .string)
        }
        let elements = Set(compiled.map { c -> ValueKind in
            if case .list(let element) = c.kind { return element }
            return c.kind
        })
        let tag = elements.count > 1
        var sum = ""
        for (i, c) in compiled.enumerated() {
            let value = c.kind.isList ? (tag ? pgTaggedElements(c.sql, c.kind) : c.sql) : pgJSON(c.sql, c.kind, tag: tag)
            sum = i == 0 ? value : "gx_add(\(sum), \(value))"
        }
        guard compiled.contains(where: { $0.kind.isList }) else { return (sum, .any) }
        return (sum, .list(elements.count == 1 ? elements.first ?? .any : .any))
    }

    mutating func pgBinary(_ op: String, _ l: Expression, _ r: Expression, _ ctx: Context) throws -> (sql: String, kind: ValueKind) {
        let a = try expression(l, ctx)
        let b = try expression(r, ctx)
        switch op {
        case "AND", "OR", "XOR":
            for (k, e) in [(a.kind, l), (b.kind, r)] where !Self.canBeBoolean(k) {
                throw QueryError(.semantic, "\(op) takes booleans, not a \(k)", at: Self.position(of: e), in: source)
            }
            let x = try pgCondition(a.sql, a.kind, l), y = try pgCondition(b.sql, b.kind, r)
            return op == "XOR" ? ("(\(x) <> \(y))", .boolean) : ("(\(x) \(op) \(y))", .boolean)
        case "=", "<>", "<", ">", "<=", ">=":
            return (pgComparison(op, a, b), .boolean)
        case "=~":
            return (dialect.regexMatch(text: try pgTextOperand(l, a, ctx), pattern: pgText(b.sql, b.kind)), .boolean)
        case "IN":
            guard b.kind.isList || b.kind == .any else {
                return ("(CASE WHEN \(b.sql) IS NULL THEN NULL END)::boolean", .boolean)
            }
            let element = b.kind.elementKind
            if element == .string && a.kind == .string || element == .integer && a.kind == .integer {
                // One kind on both sides: SQL's IN, with Cypher's null for a list holding null.
                let j = fresh("j")
                let member = pgTyped(fromJSON: "\(j).value", element)
                return ("(CASE WHEN \(b.sql) IS NULL OR \(a.sql) IS NULL THEN NULL WHEN \(a.sql) IN (SELECT \(member) FROM jsonb_array_elements(\(b.sql)) AS \(j)(value)) THEN TRUE WHEN \(b.sql) @> '[null]'::jsonb THEN NULL ELSE FALSE END)", .boolean)
            }
            return ("gx_in(\(pgJSON(a.sql, a.kind, tag: true)), \(b.kind.isList && element != .any ? pgTaggedElements(b.sql, b.kind) : b.sql))", .boolean)
        case "STARTS WITH": return (dialect.startsWith(try pgTextOperand(l, a, ctx), pgText(b.sql, b.kind)), .boolean)
        case "ENDS WITH": return (dialect.endsWith(try pgTextOperand(l, a, ctx), pgText(b.sql, b.kind)), .boolean)
        case "CONTAINS": return (dialect.contains(try pgTextOperand(l, a, ctx), pgText(b.sql, b.kind)), .boolean)
        case "-", "*", "/", "%":
            let number: (ValueKind) -> Bool = { $0 == .integer || $0 == .float }
            if a.kind == .integer && b.kind == .integer {
                return ("(\(a.sql) \(op) \(b.sql))", .integer)
            }
            if number(a.kind) && number(b.kind) && op != "%" {
                guard op == "/" else { return ("((\(a.sql))::float8 \(op) \(b.sql))", .float) }
                // A float divided by zero is Cypher's NaN or an infinity, where SQL raises an error.
                let x = "(\(a.sql))::float8", y = "(\(b.sql))::float8"
                return ("(CASE WHEN \(y) = 0 THEN (CASE WHEN \(x) = 0 OR \(x) = 'NaN'::float8 THEN 'NaN'::float8 WHEN \(x) > 0 THEN 'Infinity'::float8 ELSE '-Infinity'::float8 END) ELSE \(x) / \(y) END)", .float)
            }
            return ("gx_arith('\(op)', \(pgJSON(a.sql, a.kind)), \(pgJSON(b.sql, b.kind)))", .any)
        case "^":
            let x = a.kind == .any ? pgTyped(fromJSON: a.sql, .float) : a.sql
            let y = b.kind == .any ? pgTyped(fromJSON: b.sql, .float) : b.sql
            return (dialect.power(x, y), .float)
        default: throw error("unknown operator \(op)")
        }
    }
}
