import Foundation
import GuanxiStore
import GuanxiText

/// Runs queries of the Cypher-like language against a store: lexer → parser →
/// binder → logical plan → SQL (behind the dialect seam) → SQLite or PostgreSQL → values.
///
/// Not `Sendable`: it reads through the store's connection.
public final class QueryEngine {
    /// Limits that keep a query from running away.
    public struct Limits: Sendable {
        /// The upper bound of `*` and `*n..` patterns.
        public var defaultMaxHops = 10
        /// No variable-length pattern may span more relationships.
        public var maxHops = 20
        /// A result with more rows is an error (add LIMIT or raise this).
        public var maxRows = 100_000
        /// Seconds a query may run.
        public var seconds = 30.0

        public init() {}
    }

    let store: GraphStore
    let vocabulary: Vocabulary
    public var limits = Limits()
    var nodeCache: [Int64: QueryValue.NodeValue] = [:]

    /// An engine over `store`.
    public init(store: GraphStore) throws {
        self.store = store
        self.vocabulary = try Vocabulary(store: store)
        switch store.database.backend {
        case .sqlite: try store.database.registerFunctions()
        case .postgresql: try PostgresFunctions.install(on: store.database)
        }
    }

    /// Has every PostgreSQL store a writer opens from now on get the query language's
    /// functions, with its schema, so that readers (who may not create functions) find
    /// them. The command-line tool calls it before opening any store.
    public static func registerPostgresFunctions() {
        PostgresExtensions.register(PostgresFunctions.storeExtension)
    }

    var dialect: SQLDialect {
        store.database.backend == .postgresql ? PostgresDialect() : SQLiteDialect()
    }

    /// The publication dates a query's facts must have been reported within.
    public struct ReportingWindow: Sendable, Equatable {
        /// Facts stated by a document published on or after this date.
        public var since: PartialDate?
        /// Facts stated by a document published on or before this date.
        public var asOf: PartialDate?

        public init(since: PartialDate? = nil, asOf: PartialDate? = nil) {
            self.since = since
            self.asOf = asOf
        }
    }

    /// Restricts every pattern of the queries that follow to the facts some document
    /// reported within `window` (nil: every fact). A partial date covers all its days:
    /// a document dated `2021` counts for `--as-of 2021-06-30` and for
    /// `--since 2021-06-30`; a document without a date (or without a year) counts for
    /// no window. The query text does not change: `triples` becomes a view.
    public func restrict(to window: ReportingWindow?) throws {
        guard store.database.backend == .postgresql else {
            try store.database.execute("DROP VIEW IF EXISTS temp.triples")
            guard let sql = restrictedTriples(window, schema: "main") else { return }
            return try store.database.execute(sql)
        }
        // PostgreSQL looks in the session's temporary schema first, as SQLite does in
        // `temp`; a reader's session is read-only but for this statement.
        let schema = try store.database.scalar("SELECT current_schema()")?.text ?? "public"
        var statements = ["DROP VIEW IF EXISTS pg_temp.triples"]
        if let sql = restrictedTriples(window, schema: "\"" + schema.replacingOccurrences(of: "\"", with: "\"\"") + "\"") { statements.append(sql) }
        try store.database.execute("BEGIN READ WRITE; " + statements.joined(separator: "; ") + "; COMMIT")
    }

    /// The view that stands for `triples` within `window`; nil for no window.
    func restrictedTriples(_ window: ReportingWindow?, schema: String) -> String? {
        guard let window, window.since != nil || window.asOf != nil else { return nil }
        var conditions = ["p.published_start IS NOT NULL"]
        if let last = window.asOf?.lastDay { conditions.append("p.published_start <= '\(last)'") }
        if let first = window.since?.firstDay { conditions.append("p.published_end >= '\(first)'") }
        return """
            CREATE TEMP VIEW triples AS SELECT * FROM \(schema).triples t
            WHERE EXISTS (SELECT 1 FROM \(schema).provenance p WHERE p.edge = t.id AND \(conditions.joined(separator: " AND ")))
            """
    }

    /// Checks a query without running it: parses, binds and compiles it to SQL.
    /// - Returns: the warnings the binder gave.
    /// - Throws: `QueryError`, never anything else, whatever the text.
    @discardableResult
    public func check(_ text: String, parameters: [String: ParameterValue] = [:]) throws -> [String] {
        try compile(text, parameters: parameters).2
    }

    /// A query parsed and bound: its logical plan and what its text asked for.
    struct BoundQuery {
        let source: QuerySource
        let plan: LogicalOperator
        let warnings: [String]
        let explain: Bool
        let profile: Bool
    }

    /// Parses and binds a query.
    func bind(_ text: String) throws -> BoundQuery {
        let source = QuerySource(text)
        var parser = try Parser(source: source)
        let ast = try parser.parse()
        var binder = Binder(source: source, vocabulary: vocabulary)
        let plan = try binder.bind(ast)
        return BoundQuery(source: source, plan: plan, warnings: binder.warnings, explain: ast.explain, profile: ast.profile)
    }

    /// A generator of SQL for one compilation of a bound query.
    func generator(_ bound: BoundQuery, _ parameters: [String: ParameterValue]) -> SQLGenerator {
        SQLGenerator(dialect: dialect, vocabulary: vocabulary, source: bound.source, parameters: parameters,
                     defaultMaxHops: limits.defaultMaxHops, maxHops: limits.maxHops)
    }

    /// Parses, binds and compiles a query.
    public func compile(_ text: String, parameters: [String: ParameterValue] = [:]) throws -> (CompiledQuery, LogicalOperatorDescription, [String], Bool) {
        let bound = try bind(text)
        var generator = generator(bound, parameters)
        let compiled = try generator.compile(bound.plan)
        return (compiled, LogicalOperatorDescription(lines: bound.plan.lines()), bound.warnings, bound.explain)
    }

    /// Runs a query; `EXPLAIN` queries return the plan, the SQL and SQLite's plan as
    /// rows, and `PROFILE` queries each step's rows and time.
    /// - Throws: `QueryError` for syntax, names, limits and runtime failures.
    public func run(_ text: String, parameters: [String: ParameterValue] = [:]) throws -> QueryResult {
        let bound = try bind(text)
        if bound.profile { return try profile(bound, parameters) }
        var generator = generator(bound, parameters)
        let compiled = try generator.compile(bound.plan)
        if bound.explain { return try self.explain(compiled, LogicalOperatorDescription(lines: bound.plan.lines()), bound.warnings) }
        return try execute(compiled, warnings: bound.warnings)
    }

    /// Runs compiled SQL within the limits and decodes its rows.
    func execute(_ compiled: CompiledQuery, warnings: [String]) throws -> QueryResult {
        let statement: Statement
        do { statement = try store.database.prepare(compiled.sql) } catch let e as StoreError {
            throw QueryError(.runtime, "the store could not prepare the query: \(e.message)")
        }
        var rows: [[QueryValue]] = []
        let postgres = store.database.backend == .postgresql
        try withinLimits {
            try statement.bind(compiled.bindings)
            while try statement.step() {
                if rows.count >= limits.maxRows {
                    throw QueryError(.limit, "the result has more than \(limits.maxRows) rows; add LIMIT, or raise the limit with --max-rows")
                }
                let raw = statement.row()
                var row: [QueryValue] = []
                for (i, column) in compiled.columns.enumerated() {
                    if postgres {
                        row.append(try decodePostgres(raw[i], kind: column.kind))
                        continue
                    }
                    let kindHint = column.kindColumn.flatMap { raw[$0].text }
                    row.append(try decode(raw[i], kind: column.kind, storedKind: kindHint))
                }
                rows.append(row)
            }
        }
        return QueryResult(columns: compiled.columns.map(\.name), rows: rows, warnings: warnings)
    }

    /// Runs `body` within the query's time limit; the store's errors become runtime
    /// errors of the query.
    @discardableResult
    func withinLimits<T>(_ body: () throws -> T) throws -> T {
        // PostgreSQL: a pattern probes indexes row by row; the default cost of a random
        // page (4, for spinning disks) has the planner scan whole tables where it
        // misjudges how many rows a condition keeps (`party_bodies`: 127 → 24 ms).
        let (value, timedOut) = try store.database.withTimeLimit(limits.seconds, readOnly: true, settings: [("random_page_cost", "1.1")]) { () throws -> T in
            do { return try body() } catch let e as StoreError { throw QueryError(.runtime, e.message) }
        }
        guard !timedOut, let value else {
            throw QueryError(.limit, "the query ran longer than \(limits.seconds < 10 ? String(limits.seconds) : String(Int(limits.seconds))) s and was stopped; narrow the pattern or lower the hop bound")
        }
        return value
    }

    func explain(_ compiled: CompiledQuery, _ plan: LogicalOperatorDescription, _ warnings: [String]) throws -> QueryResult {
        var rows: [[QueryValue]] = [[.string("logical plan"), .string(plan.lines.joined(separator: "\n"))]]
        rows.append([.string("SQL"), .string(compiled.sql)])
        if store.database.backend == .postgresql {
            let plan = try store.database.rows("EXPLAIN " + compiled.sql, compiled.bindings).compactMap { $0.first?.text }
            rows.append([.string("PostgreSQL plan"), .string(plan.joined(separator: "\n"))])
            return QueryResult(columns: ["part", "text"], rows: rows, warnings: warnings, isExplain: true)
        }
        let sqlitePlan = try store.database.rows("EXPLAIN QUERY PLAN " + compiled.sql, compiled.bindings).map { r in
            (r.count > 3 ? r[3].text : nil) ?? ""
        }
        rows.append([.string("SQLite plan"), .string(sqlitePlan.joined(separator: "\n"))])
        return QueryResult(columns: ["part", "text"], rows: rows, warnings: warnings, isExplain: true)
    }

    /// A result value from its SQL form.
    func decode(_ value: SQLValue, kind: ValueKind, storedKind: String?) throws -> QueryValue {
        if case .null = value { return .null }
        switch kind {
        case .node:
            guard let id = value.integer else { return .null }
            return .node(try node(id))
        case .relationship:
            guard let id = value.integer else { return .null }
            return .relationship(try relationship(id))
        case .boolean:
            if let i = value.integer { return .boolean(i != 0) }
            if case .real(let d) = value { return .boolean(d != 0) }
            return .null
        case .list, .map, .path:
            guard let text = value.text, let data = text.data(using: .utf8),
                  let any = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else { return .null }
            return try QueryValue.fromJSON(any, kind: kind) { id, k in
                k == .node ? .node(try self.node(id)) : .relationship(try self.relationship(id))
            }
        default:
            if storedKind == "map" { return try decode(value, kind: .map, storedKind: nil) }
            if storedKind == "list" { return try decode(value, kind: .list(.any), storedKind: nil) }
            if let storedKind {
                return PropertyValue.decode(value, kind: storedKind).queryValue
            }
            switch value {
            case .integer(let i): return kind == .float ? .float(Double(i)) : .integer(i)
            case .real(let d): return .float(d)
            case .text(let s):
                return try QueryValue.fromText(s) { id, k in
                    k == .node ? .node(try self.node(id)) : .relationship(try self.relationship(id))
                }
            case .null: return .null
            }
        }
    }

    /// A result value from PostgreSQL: typed columns as their kinds, `jsonb` as JSON.
    func decodePostgres(_ value: SQLValue, kind: ValueKind) throws -> QueryValue {
        switch (kind, value) {
        case (_, .null): return .null
        case (.node, _), (.relationship, _), (.boolean, _):
            return try decode(value, kind: kind, storedKind: nil)
        case (.integer, .integer(let i)): return .integer(i)
        case (.integer, .real(let d)): return Int64(exactly: d).map(QueryValue.integer) ?? .float(d)
        case (.float, .integer(let i)): return .float(Double(i))
        case (.float, .real(let d)): return .float(d)
        case (.string, .text(let s)): return .text(s)
        case (_, .integer(let i)): return .integer(i)
        case (_, .real(let d)): return .float(d)
        case (_, .text(let text)):
            guard let any = try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) else { return .text(text) }
            return try QueryValue.fromJSON(any, kind: kind) { id, k in
                k == .node ? .node(try self.node(id)) : .relationship(try self.relationship(id))
            }
        }
    }

    func properties(_ rows: [[SQLValue]]) -> [String: QueryValue] {
        var out: [String: QueryValue] = [:]
        for r in rows {
            guard let key = r[0].text, let kind = r[2].text else { continue }
            out[key] = PropertyValue.decode(r[1], kind: kind).queryValue
        }
        return out
    }

    func node(_ id: Int64) throws -> QueryValue.NodeValue {
        if let n = nodeCache[id] { return n }
        let labels = try store.database.rows("SELECT t.value FROM node_labels l JOIN terms t ON t.id = l.label WHERE l.node = ? ORDER BY t.value", [.integer(id)]).compactMap { $0.first?.text }
        let props = properties(try store.database.rows("SELECT t.value, p.value, p.kind FROM node_props p JOIN terms t ON t.id = p.key WHERE p.node = ?", [.integer(id)]))
        let n = QueryValue.NodeValue(id: id, labels: labels, properties: props)
        if nodeCache.count > 50_000 { nodeCache.removeAll() }
        nodeCache[id] = n
        return n
    }

    func relationship(_ id: Int64) throws -> QueryValue.RelationshipValue {
        let row = try store.database.rows("SELECT x.s, x.o, t.value FROM triples x JOIN terms t ON t.id = x.p WHERE x.id = ?", [.integer(id)]).first
        let props = properties(try store.database.rows("SELECT t.value, p.value, p.kind FROM edge_props p JOIN terms t ON t.id = p.key WHERE p.edge = ?", [.integer(id)]))
        return QueryValue.RelationshipValue(id: id, type: row?[2].text ?? "", start: row?[0].integer ?? 0, end: row?[1].integer ?? 0, properties: props)
    }
}

/// The logical plan as printed by EXPLAIN.
public struct LogicalOperatorDescription: Sendable {
    public var lines: [String]
}

extension PropertyValue {
    var queryValue: QueryValue {
        switch self {
        case .null: return .null
        case .string(let s): return .text(s)
        case .integer(let i): return .integer(i)
        case .float(let d): return .float(d)
        case .boolean(let b): return .boolean(b)
        case .list(let items): return .list(items.map(\.queryValue))
        }
    }
}
