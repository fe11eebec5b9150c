import GuanxiStore
import Foundation

/// Cypher's functions compiled for PostgreSQL.
extension SQLGenerator {
    mutating func pgFunction(_ name: String, distinct: Bool, _ args: [Expression], _ ctx: Context, _ p: SourcePosition) throws -> (sql: String, kind: ValueKind) {
        func arity(_ n: Int) throws {
            guard args.count == n else { throw QueryError(.semantic, "\(name)() takes \(n) argument\(n == 1 ? "" : "s"), \(args.count) given", at: p, in: source) }
        }
        var compiled: [(sql: String, kind: ValueKind)] = []
        for a in args { compiled.append(try expression(a, ctx)) }
        let x = compiled.first?.sql ?? "NULL"
        let k = compiled.first?.kind ?? .any
        let d = distinct ? "DISTINCT " : ""
        /// The first argument as a number (float8), whatever its kind.
        let number = k == .integer || k == .float ? "(\(x))::float8" : pgTyped(fromJSON: pgJSON(x, k), .float)
        /// The first argument as text, when it is a string.
        let text = pgText(x, k)
        switch name {
        case "count": try arity(1); return ("count(\(d)\(x))", .integer)
        case "sum":
            try arity(1)
            if k == .integer { return ("coalesce(sum(\(d)\(x)), 0)::bigint", .integer) }
            if k == .float { return ("coalesce(sum(\(d)\(x)), 0)", .float) }
            let n = pgTyped(fromJSON: x, .any)
            return ("(CASE WHEN bool_or(gx_is_float(\(n))) THEN gx_float_json(sum(\(d)(gx_number(\(n)))::float8)) ELSE to_jsonb(coalesce(sum(\(d)gx_number(\(n))), 0)) END)", .any)
        case "avg": try arity(1); return ("avg(\(d)\(number))", .float)
        case "stdev": try arity(1); return ("coalesce(stddev_samp(\(d)\(number)), 0)", .float)
        case "stdevp": try arity(1); return ("coalesce(stddev_pop(\(d)\(number)), 0)", .float)
        case "percentiledisc", "percentilecont":
            try arity(2)
            let fraction = compiled[1].kind == .float || compiled[1].kind == .integer ? "(\(compiled[1].sql))::float8" : pgTyped(fromJSON: compiled[1].sql, .float)
            let kind: ValueKind = name == "percentiledisc" ? (k == .integer ? .integer : .float) : .float
            let agg = name == "percentiledisc" ? "percentile_disc" : "percentile_cont"
            return ("(\(agg)(\(fraction)) WITHIN GROUP (ORDER BY \(number)))\(kind == .integer ? "::bigint" : "")", kind)
        case "min", "max":
            try arity(1)
            if Self.isTypedInPostgres(k) && k != .boolean { return ("\(name)(\(x)\(k == .string ? " COLLATE \"C\"" : ""))", k) }
            if k == .boolean { return ("\(name == "min" ? "bool_and" : "bool_or")(\(x))", k) }
            return ("gx_\(name)(\(x))", k)
        case "collect":
            try arity(1)
            let member = pgMember(x, k, tag: false)
            return ("coalesce(\(dialect.collect(member, distinct: distinct, nestedLists: false)), '[]'::jsonb)", .list(k))
        case "type":
            try arity(1)
            guard k == .relationship || k == .any else { throw QueryError(.semantic, "type() takes a relationship", at: p, in: source) }
            let id = k == .relationship ? x : "(substr(\(x) #>> '{}', 3))::bigint"
            return ("(SELECT t.value FROM triples r JOIN terms t ON t.id = r.p WHERE r.id = \(id))", .string)
        case "labels":
            try arity(1)
            let id = k == .node ? x : "(substr(\(x) #>> '{}', 3))::bigint"
            return ("(CASE WHEN \(x) IS NULL THEN NULL ELSE (SELECT coalesce(jsonb_agg(t.value ORDER BY t.value COLLATE \"C\"), '[]'::jsonb) FROM node_labels l JOIN terms t ON t.id = l.label WHERE l.node = \(id)) END)", .list(.string))
        case "id":
            try arity(1)
            if k == .node || k == .relationship { return (x, .integer) }
            return ("(substr(\(x) #>> '{}', 3))::bigint", .integer)
        case "startnode": try arity(1); return ("(SELECT s FROM triples WHERE id = \(x))", .node)
        case "endnode": try arity(1); return ("(SELECT o FROM triples WHERE id = \(x))", .node)
        case "size", "length":
            try arity(1)
            if k == .path {
                guard name == "length" else { throw QueryError(.semantic, "size() takes a list or a string, not a path; length(p) counts its relationships", at: p, in: source) }
                return ("((jsonb_array_length(\(x)) - 1) / 2)", .integer)
            }
            if k == .node || k == .relationship || k == .map || k == .boolean || Self.isNumber(k) {
                throw QueryError(.semantic, "\(name)() takes a list or a string, not a \(k)", at: p, in: source)
            }
            if k.isList { return ("(jsonb_array_length(\(x)))::bigint", .integer) }
            if k == .string { return ("(char_length(\(x)))::bigint", .integer) }
            return ("(CASE jsonb_typeof(\(x)) WHEN 'array' THEN jsonb_array_length(\(x)) WHEN 'string' THEN char_length(\(x) #>> '{}') END)::bigint", .integer)
        case "tolower", "lower": try arity(1); return ("lower(\(text))", .string)
        case "toupper", "upper": try arity(1); return ("upper(\(text))", .string)
        case "trim": try arity(1); return ("btrim(\(text))", .string)
        case "ltrim", "rtrim": try arity(1); return ("\(name)(\(text))", .string)
        case "replace": try arity(3); return ("replace(\(text), \(pgText(compiled[1].sql, compiled[1].kind)), \(pgText(compiled[2].sql, compiled[2].kind)))", .string)
        case "substring":
            guard args.count == 2 || args.count == 3 else { throw QueryError(.semantic, "substring() takes 2 or 3 arguments", at: p, in: source) }
            let start = try pgInteger(compiled[1])
            if args.count == 3 { return ("substr(\(text), (\(start))::integer + 1, (\(try pgInteger(compiled[2])))::integer)", .string) }
            return ("substr(\(text), (\(start))::integer + 1)", .string)
        case "left": try arity(2); return ("left(\(text), (\(try pgInteger(compiled[1])))::integer)", .string)
        case "right": try arity(2); return ("right(\(text), (\(try pgInteger(compiled[1])))::integer)", .string)
        case "reverse":
            try arity(1)
            if k.isList { return ("(SELECT coalesce(jsonb_agg(e ORDER BY o DESC), '[]'::jsonb) FROM jsonb_array_elements(\(x)) WITH ORDINALITY AS r(e, o))", k) }
            return ("reverse(\(text))", .string)
        case "coalesce":
            guard !args.isEmpty else { throw QueryError(.semantic, "coalesce() takes at least one argument", at: p, in: source) }
            let unified = pgUnify(compiled)
            return (args.count == 1 ? x : "coalesce(\(unified.sqls.joined(separator: ", ")))", unified.kind)
        case "tostring":
            try arity(1)
            switch k {
            case .string: return (x, .string)
            case .integer: return ("(\(x))::text", .string)
            case .float: return ("(gx_float_json(\(x)))::text", .string)
            case .boolean: return ("(CASE WHEN \(x) THEN 'true' WHEN NOT \(x) THEN 'false' END)", .string)
            default: return ("gx_to_string(\(pgJSON(x, k)))", .string)
            }
        case "tointeger":
            try arity(1)
            if k == .integer { return (x, .integer) }
            if k == .float { return ("trunc(\(x))::bigint", .integer) }
            let j = pgJSON(x, k)
            return ("(CASE jsonb_typeof(\(j)) WHEN 'number' THEN trunc(gx_number(\(j)))::bigint WHEN 'string' THEN (CASE WHEN btrim(\(j) #>> '{}') ~ \(Self.pgNumberText) THEN trunc((btrim(\(j) #>> '{}'))::numeric)::bigint END) END)", .integer)
        case "tofloat":
            try arity(1)
            if k == .float { return (x, .float) }
            if k == .integer { return ("(\(x))::float8", .float) }
            let j = pgJSON(x, k)
            return ("(CASE jsonb_typeof(\(j)) WHEN 'number' THEN gx_number(\(j))::float8 WHEN 'string' THEN (CASE WHEN btrim(\(j) #>> '{}') ~ \(Self.pgNumberText) THEN (btrim(\(j) #>> '{}'))::float8 END) END)", .float)
        case "toboolean":
            try arity(1)
            if k == .boolean { return (x, .boolean) }
            let j = pgJSON(x, k)
            return ("(CASE jsonb_typeof(\(j)) WHEN 'boolean' THEN (\(j))::boolean WHEN 'string' THEN (CASE lower(\(j) #>> '{}') WHEN 'true' THEN TRUE WHEN 'false' THEN FALSE END) END)", .boolean)
        case "abs":
            try arity(1)
            if k == .integer || k == .float { return ("abs(\(x))", k) }
            return ("(CASE WHEN gx_is_float(\(x)) THEN gx_float_json(abs(gx_number(\(x)))::float8) ELSE to_jsonb(abs(gx_number(\(x)))) END)", .any)
        case "sign": try arity(1); return ("sign(\(number))::bigint", .integer)
        case "round": try arity(1); return ("(CASE WHEN \(number) < 0 THEN -floor(-\(number) + 0.5) ELSE floor(\(number) + 0.5) END)", .float)
        case "floor": try arity(1); return ("floor(\(number))", .float)
        case "ceil": try arity(1); return ("ceil(\(number))", .float)
        case "sqrt": try arity(1); return ("(CASE WHEN \(number) >= 0 THEN sqrt(\(number)) END)", .float)
        case "head", "last":
            try arity(1)
            let e = k.elementKind
            return (pgTyped(fromJSON: dialect.element(x, at: name == "head" ? "0" : "-1"), e), e)
        case "tail": try arity(1); return (pgSlice(x, from: "1", to: nil), k.isList ? k : .list(.any))
        case "range":
            guard args.count == 2 || args.count == 3 else { throw QueryError(.semantic, "range() takes 2 or 3 arguments", at: p, in: source) }
            let from = try pgInteger(compiled[0]), to = try pgInteger(compiled[1])
            let step = args.count == 3 ? try pgInteger(compiled[2]) : "1"
            return ("(SELECT coalesce(jsonb_agg(v ORDER BY o), '[]'::jsonb) FROM (SELECT v, row_number() OVER () AS o FROM generate_series(\(from), \(to), \(step)) AS v LIMIT 100001) AS r)", .list(.integer))
        case "split":
            try arity(2)
            let separator = pgText(compiled[1].sql, compiled[1].kind)
            return ("(CASE WHEN \(text) IS NULL OR \(separator) IS NULL THEN NULL ELSE to_jsonb(string_to_array(\(text), nullif(\(separator), ''))) END)", .list(.string))
        case "keys":
            try arity(1)
            if k == .node { return ("(SELECT coalesce(jsonb_agg(t.value ORDER BY t.value COLLATE \"C\"), '[]'::jsonb) FROM node_props p JOIN terms t ON t.id = p.key WHERE p.node = \(x))", .list(.string)) }
            if k == .relationship { return ("(SELECT coalesce(jsonb_agg(t.value ORDER BY t.value COLLATE \"C\"), '[]'::jsonb) FROM edge_props p JOIN terms t ON t.id = p.key WHERE p.edge = \(x))", .list(.string)) }
            return ("(CASE WHEN jsonb_typeof(\(x)) = 'object' THEN (SELECT coalesce(jsonb_agg(key ORDER BY key COLLATE \"C\"), '[]'::jsonb) FROM jsonb_object_keys(\(x)) AS key) END)", .list(.string))
        case "properties":
            try arity(1)
            if k == .node { return ("(SELECT coalesce(jsonb_object_agg(t.value, gx_value(p.value, p.kind)), '{}'::jsonb) FROM node_props p JOIN terms t ON t.id = p.key WHERE p.node = \(x))", .map) }
            if k == .relationship { return ("(SELECT coalesce(jsonb_object_agg(t.value, gx_value(p.value, p.kind)), '{}'::jsonb) FROM edge_props p JOIN terms t ON t.id = p.key WHERE p.edge = \(x))", .map) }
            return (x, .map)
        case "__haslabels":
            return (hasLabels(x, args), .boolean)
        case "rand": try arity(0); return ("random()", .float)
        case "pi": try arity(0); return ("pi()", .float)
        case "e": try arity(0); return ("exp(1::float8)", .float)
        case "log", "log10", "exp", "sin", "cos", "tan", "asin", "acos", "atan", "degrees", "radians":
            try arity(1)
            let function = name == "log" ? "ln" : name
            let guarded = name == "log" || name == "log10" ? "(CASE WHEN \(number) > 0 THEN \(function)(\(number)) END)"
                : (name == "asin" || name == "acos" ? "(CASE WHEN abs(\(number)) <= 1 THEN \(function)(\(number)) END)" : "\(function)(\(number))")
            return (guarded, .float)
        case "atan2":
            try arity(2)
            let y = compiled[1].kind == .integer || compiled[1].kind == .float ? "(\(compiled[1].sql))::float8" : pgTyped(fromJSON: compiled[1].sql, .float)
            return ("atan2(\(number), \(y))", .float)
        case "isempty":
            try arity(1)
            if k == .map { return ("(\(x) = '{}'::jsonb)", .boolean) }
            if k.isList { return ("(jsonb_array_length(\(x)) = 0)", .boolean) }
            if k == .string { return ("(char_length(\(x)) = 0)", .boolean) }
            guard k == .any else { throw QueryError(.semantic, "isEmpty() takes a list, a string or a map, not a \(k)", at: p, in: source) }
            return ("(CASE jsonb_typeof(\(x)) WHEN 'array' THEN jsonb_array_length(\(x)) = 0 WHEN 'object' THEN \(x) = '{}'::jsonb WHEN 'string' THEN \(x) = '\"\"'::jsonb END)", .boolean)
        case "exists":
            try arity(1)
            return ("(\(x) IS NOT NULL)", .boolean)
        case "nodes", "relationships":
            try arity(1)
            guard k == .path || k == .any else { throw QueryError(.semantic, "\(name)() takes a path, not a \(k)", at: p, in: source) }
            let e = fresh("e")
            return ("(CASE WHEN \(x) IS NULL THEN NULL ELSE (SELECT coalesce(jsonb_agg(\(e).value ORDER BY \(e).o), '[]'::jsonb) FROM jsonb_array_elements(\(x)) WITH ORDINALITY AS \(e)(value, o) WHERE \(e).o % 2 = \(name == "nodes" ? 1 : 0)) END)", .list(name == "nodes" ? .node : .relationship))
        case "date", "localtime", "time", "localdatetime", "datetime", "duration":
            // Of a constant argument (literals, parameters) or none (now): made once, when
            // compiling, by the same code SQLite runs per row.
            guard args.count <= 1, name != "duration" || args.count == 1 else { throw QueryError(.semantic, "\(name)() takes a map, a string, or nothing (now)", at: p, in: source) }
            if let k = compiled.first?.kind, k != .map && k != .string && k != .any {
                throw QueryError(.semantic, "\(name)() takes a map or an ISO string, not a \(k)", at: p, in: source)
            }
            // Of a value read per row: the same rules in PL/pgSQL (`gx_temporal`).
            guard let argument = args.isEmpty ? .some(nil) : constantValue(args[0]) else {
                return ("gx_temporal('\(name)', \(pgJSON(x, k)))", .any)
            }
            do {
                guard let encoded = try TemporalConstructor.encoded(name, argument: argument) else { return ("NULL::jsonb", .any) }
                return ("to_jsonb(\(dialect.quote(encoded))::text)", .any)
            } catch let e as TemporalValue.Invalid {
                throw QueryError(.runtime, e.message, at: p, in: source)
            } catch {
                throw QueryError(.runtime, "\(error)", at: p, in: source)
            }
        default:
            throw QueryError(.semantic, "unknown function \(name)()", at: p, in: source)
        }
    }

    /// Text that `toInteger` and `toFloat` read as a number, as a PostgreSQL pattern.
    static let pgNumberText = "'^[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?$'"

    /// The value of an expression made of literals and parameters only, as Foundation's
    /// JSON objects (NSNull for null); nil when it reads anything else.
    func constantValue(_ e: Expression) -> Any?? {
        switch e {
        case .literal(let l):
            switch l {
            case .null: return .some(NSNull())
            case .boolean(let b): return .some(NSNumber(value: b))
            case .integer(let i): return .some(NSNumber(value: i))
            case .float(let d): return .some(NSNumber(value: d))
            case .string(let s): return .some(s)
            }
        case .parameter(let name, _):
            // As SQLite's function reads it: the parameter's JSON, decoded.
            guard let value = parameters[name],
                  let decoded = try? JSONSerialization.jsonObject(with: Data(value.json.utf8), options: [.fragmentsAllowed]) else { return nil }
            return .some(decoded)
        case .map(let entries):
            var out: [String: Any] = [:]
            for (k, v) in entries {
                guard let value = constantValue(v), let unwrapped = value else { return nil }
                out[k] = unwrapped
            }
            return .some(out)
        default:
            return nil
        }
    }
}
