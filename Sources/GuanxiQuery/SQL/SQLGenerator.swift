import GuanxiStore

/// A compiled query: the SQL, its bound values, and what each result column holds.
public struct CompiledQuery: Sendable {
    public var sql: String
    public var bindings: [SQLValue]
    /// Result columns as the user named them, with their kinds; `kindColumn` is the
    /// index of a hidden column carrying the stored kind of a property value.
    public var columns: [(name: String, kind: ValueKind, kindColumn: Int?)]
}

/// Compiles the logical plan into one SQL statement over the store's schema. Each
/// operator becomes a SELECT over the one before; the store's indexes and SQLite's
/// planner do the joins, and variable-length patterns become recursive CTEs.
struct SQLGenerator {
    let dialect: SQLDialect
    let vocabulary: Vocabulary
    let source: QuerySource
    let parameters: [String: ParameterValue]
    /// The upper bound of `*` and `*n..` patterns.
    let defaultMaxHops: Int
    /// No pattern may ask for more hops than this.
    let maxHops: Int
    var bindings: [SQLValue] = []
    /// PostgreSQL: the placeholder of each parameter already bound.
    var parameterIndexes: [String: Int] = [:]
    var counter = 0
    /// Variable SQL → the SQL of its stored kind, for variables that carry one.
    var storedKinds: [String: String] = [:]
    /// `gx_min`/`gx_max` SQL → the SQL of the winner's kind.
    var aggregateKinds: [String: String] = [:]
    /// Columns (as read in the current stage) of variables that may hold NaN.
    var nanColumns: Set<String> = []

    /// One SELECT and the variables its columns hold.
    struct Stage {
        var sql: String
        var scope: Scope
    }

    /// How expressions reach variables: variable name → SQL and kind.
    typealias Context = [String: (sql: String, kind: ValueKind)]

    static let scalarFunctions: Set<String> = [
        "type", "labels", "id", "size", "length", "tolower", "toupper", "lower", "upper", "coalesce", "tostring", "tointeger",
        "tofloat", "toboolean", "abs", "trim", "ltrim", "rtrim", "replace", "substring", "left", "right", "head", "last",
        "startnode", "endnode", "exists", "sign", "round", "floor", "ceil", "sqrt", "reverse", "split", "keys", "properties",
        "range", "tail", "nodes", "relationships", "rand", "any", "all", "none", "single", "isempty", "log", "log10", "exp",
        "sin", "cos", "tan", "asin", "acos", "atan", "atan2", "pi", "e", "degrees", "radians", "date", "localtime", "time",
        "localdatetime", "datetime", "duration", "__haslabels",
    ]

    mutating func fresh(_ prefix: String) -> String {
        counter += 1
        return "\(prefix)\(counter)"
    }

    func error(_ message: String, _ position: SourcePosition? = nil) -> QueryError {
        QueryError(.semantic, message, at: position, in: source)
    }

    func termID(_ value: String) -> Int64? { vocabulary.terms[value] }

    /// The whole query.
    mutating func compile(_ plan: LogicalOperator) throws -> CompiledQuery {
        if case .union(let parts, let all) = plan {
            var compiledParts: [CompiledQuery] = []
            for p in parts { compiledParts.append(try compile(p)) }
            var columns = compiledParts.first?.columns ?? []
            // PostgreSQL's UNION needs one SQL type per column: `jsonb` where the parts' kinds differ.
            var unified = Set<Int>()
            if isPostgres {
                for i in columns.indices where Set(compiledParts.map { $0.columns.indices.contains(i) ? $0.columns[i].kind : .any }).count > 1 {
                    unified.insert(i)
                    columns[i].kind = .any
                }
            }
            var sqls: [String] = []
            for (n, part) in compiledParts.enumerated() {
                let selected = unified.isEmpty ? "*" : part.columns.indices.map { i in
                    unified.contains(i) ? "\(pgJSON("c\(i)", part.columns[i].kind, tag: true)) AS c\(i)" : "c\(i)"
                }.joined(separator: ", ")
                sqls.append("SELECT \(selected) FROM (\(part.sql)) AS u\(n)")
            }
            var sql = sqls[0]
            for (i, s) in sqls.dropFirst().enumerated() { sql += (all[i] ? " UNION ALL " : " UNION ") + s }
            return CompiledQuery(sql: sql, bindings: bindings, columns: columns)
        }
        guard case .project(let input, let projection, let aggregates, true) = plan else {
            throw error("a query must end with RETURN")
        }
        let stage = try generate(input)
        return try finalProjection(stage, projection, aggregates: aggregates)
    }

    /// The stage of an operator that is not the final RETURN.
    mutating func generate(_ op: LogicalOperator) throws -> Stage {
        switch op {
        case .unit:
            return Stage(sql: "SELECT 1 AS _unit", scope: Scope())
        case .match(let input, let patterns, let optional, let predicate):
            let previous = try generate(input)
            return optional ? try optionalMatch(previous, patterns, predicate) : try match(previous, patterns, predicate)
        case .unwind(let input, let list, let alias) where isPostgres:
            let previous = try generate(input)
            let s = fresh("s"), j = fresh("j")
            let (sql, kind) = try expression(list, context(previous.scope, alias: s))
            let elementKind = kind.elementKind
            let l = pgJSON(sql, kind)
            let column = fresh("v")
            var scope = previous.scope
            scope.bind(alias, kind: elementKind, column: column)
            let elements = "(CASE WHEN jsonb_typeof(\(l)) = 'array' THEN \(l) WHEN \(l) IS NULL THEN '[]'::jsonb ELSE jsonb_build_array(\(l)) END)"
            return Stage(sql: "SELECT \(s).*, \(pgTyped(fromJSON: "\(j).value", elementKind)) AS \(column) FROM (\(previous.sql)) AS \(s) CROSS JOIN \(dialect.elementsTable(elements, alias: j))", scope: scope)
        case .unwind(let input, let list, let alias):
            let previous = try generate(input)
            let s = fresh("s"), j = fresh("j")
            let ctx = context(previous.scope, alias: s)
            let (sql, kind) = try expression(list, ctx)
            let elementKind = kind.elementKind
            let column = fresh("v")
            var scope = previous.scope
            // Elements of a mixed list carry their JSON type, so `true` stays a boolean and
            // `[1, 2]` a list when shown or compared.
            var kindColumn: String?
            var typed = ""
            if elementKind == .any {
                let k = fresh("k")
                kindColumn = k
                typed = ", (CASE \(j).type WHEN 'array' THEN 'list' WHEN 'object' THEN 'map' WHEN 'true' THEN 'boolean' WHEN 'false' THEN 'boolean' END) AS \(k)"
            }
            scope.bind(alias, kind: elementKind, column: column, kindColumn: kindColumn)
            let value = elementKind.isList ? "(CASE WHEN \(j).type = 'array' THEN \(j).value ELSE NULL END)" : "\(j).value"
            return Stage(sql: "SELECT \(s).*, \(value) AS \(column)\(typed) FROM (\(previous.sql)) AS \(s), \(dialect.elementsTable("(CASE WHEN json_valid(\(sql)) THEN \(sql) WHEN \(sql) IS NULL THEN '[]' ELSE json_array(\(sql)) END)", alias: j))", scope: scope)
        case .project(let input, let projection, let aggregates, _):
            let previous = try generate(input)
            return try intermediateProjection(previous, projection, aggregates: aggregates)
        case .filter(let input, let predicate):
            let previous = try generate(input)
            let s = fresh("s")
            let (condition, kind) = try expression(predicate, context(previous.scope, alias: s))
            let test = isPostgres ? try pgCondition(condition, kind, predicate) : condition
            return Stage(sql: "SELECT * FROM (\(previous.sql)) AS \(s) WHERE \(test)", scope: previous.scope)
        case .union:
            throw error("UNION may only join whole queries")
        }
    }

    /// The context of a stage read through `alias`.
    mutating func context(_ scope: Scope, alias: String) -> Context {
        var ctx: Context = [:]
        for v in scope.variables {
            ctx[v.name] = ("\(alias).\(v.column)", v.kind)
            if let k = v.kindColumn { storedKinds["\(alias).\(v.column)"] = "\(alias).\(k)" }
            if v.mayBeNaN { nanColumns.insert("\(alias).\(v.column)") }
        }
        return ctx
    }
}
