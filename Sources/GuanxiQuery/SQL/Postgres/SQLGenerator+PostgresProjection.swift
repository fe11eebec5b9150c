import GuanxiStore

/// PostgreSQL groups by columns, not by expressions over ungrouped columns: a grouped
/// projection computes its keys (a property read is a subquery over the row's node) in
/// a stage of their own first, and groups by the columns that hold them.
struct PostgresGrouping {
    /// The alias of the stage read, which the key stage keeps.
    let alias: String
    /// False when nothing is grouped (or on SQLite): keys stay expressions.
    let active: Bool
    /// The key columns, by name, with the SQL that computes them.
    var columns: [(name: String, sql: String)] = []
    /// The projection's keys (its items that do not aggregate, and with `*` the
    /// variables before it), by the shape of their expressions: their columns and kinds.
    var keys: [String: (sql: String, kind: ValueKind)] = [:]

    /// The column holding `sql` as a key (`sql` itself when not active).
    mutating func column(_ sql: String) -> String {
        guard active, !columns.contains(where: { "\(alias).\($0.name)" == sql }) else { return sql }
        if let existing = columns.first(where: { $0.sql == sql }) { return "\(alias).\(existing.name)" }
        let name = "g\(alias)_\(columns.count)"
        columns.append((name, sql))
        return "\(alias).\(name)"
    }
}

extension SQLGenerator {
    /// The grouping of a projection: on PostgreSQL, when it aggregates, with its keys
    /// each compiled once into a key column; inactive otherwise.
    mutating func grouping(of p: Projection, alias: String, _ ctx: Context, _ scope: Scope, aggregates: Bool) throws -> PostgresGrouping {
        var grouping = PostgresGrouping(alias: alias, active: isPostgres && aggregates)
        guard grouping.active else { return grouping }
        if p.star {
            for v in scope.variables { grouping.keys[Binder.shape(.variable(v.name, p.position))] = (grouping.column("\(alias).\(v.column)"), v.kind) }
        }
        for item in p.items where !Binder.containsAggregate(item.expression) {
            let (sql, kind) = try expression(item.expression, ctx)
            grouping.keys[Binder.shape(item.expression)] = (grouping.column(sql), kind)
        }
        return grouping
    }

    /// An item of a projection. In a grouped one on PostgreSQL, a key is its column, and
    /// an item that aggregates reads the keys' columns for its parts outside aggregate
    /// calls (`n.age` in `n.age + count(*)` beside `RETURN n.age, …`), as PostgreSQL requires.
    mutating func projectionItem(_ e: Expression, _ ctx: Context, _ grouping: PostgresGrouping, at position: SourcePosition) throws -> (sql: String, kind: ValueKind) {
        guard grouping.active else { return try expression(e, ctx) }
        if !Binder.containsAggregate(e), let key = grouping.keys[Binder.shape(e)] { return key }
        var inner = ctx
        let rewritten = Binder.replacing(e) { sub in
            if case .countStar = sub { return sub }
            if case .function(let name, _, _, _) = sub, Binder.aggregates.contains(name.lowercased()) { return sub }
            guard let key = grouping.keys[Binder.shape(sub)] else { return nil }
            let name = "\u{1}key\(inner.count)"
            inner[name] = key
            return .variable(name, position)
        }
        return try expression(rewritten, inner)
    }

    /// A WITH or RETURN on PostgreSQL. ORDER BY, SKIP and LIMIT wrap the projection in
    /// a query of its own, since PostgreSQL neither reads an output column inside an
    /// ORDER BY expression nor orders a DISTINCT result by what it does not select. A
    /// projection that neither groups nor is distinct carries the variables before it
    /// along, so that ORDER BY may read them too, as Cypher allows; one that groups or
    /// is distinct computes its ORDER BY keys (which may aggregate, `ORDER BY max(x)`)
    /// as hidden columns of its own.
    /// - Parameters:
    ///   - ctx: the context the projection's items were compiled in.
    ///   - named: the projection's names with their columns, SQL and kinds.
    ///   - output: the columns the stage passes on, in order.
    mutating func pgProjection(_ p: Projection, _ previous: Stage, _ ctx: Context, columns: [String], groupKeys: [String], grouping: PostgresGrouping,
                               aggregates: Bool, named: [(name: String, column: String, sql: String, kind: ValueKind)], output: [String]) throws -> String {
        var grouping = grouping
        var groupKeys = groupKeys
        var selected = columns
        let s = grouping.alias
        let plain = !p.distinct && !aggregates
        let ordered = !p.order.isEmpty || p.skip != nil || p.limit != nil
        let q = fresh("q")
        var wrapper = p
        var orderContext: Context = [:]
        if ordered && plain {
            if !p.star { selected.append("\(s).*") }
            orderContext = context(previous.scope, alias: q)
            for n in named { orderContext[n.name] = ("\(q).\(n.column)", n.kind) }
        } else if ordered {
            var itemContext = ctx
            for n in named { itemContext[n.name] = (n.sql, n.kind) }
            let aggregated = Set(p.items.filter { Binder.containsAggregate($0.expression) }.map { $0.alias ?? $0.text })
            wrapper.order = []
            for (i, (e, ascending)) in p.order.enumerated() {
                var (sql, kind) = try expression(e, itemContext)
                if aggregates && !Binder.containsAggregate(e) && Binder.variableNames(in: e).isDisjoint(with: aggregated) {
                    let column = grouping.column(sql)
                    if column != sql && !groupKeys.contains(column) { groupKeys.append(column) }
                    sql = column
                }
                let key = "o\(q)_\(i)"
                selected.append("\(sql) AS \(key)")
                orderContext[key] = ("\(q).\(key)", kind)
                wrapper.order.append((.variable(key, p.position), ascending))
            }
            for n in named where orderContext[n.name] == nil { orderContext[n.name] = ("\(q).\(n.column)", n.kind) }
        }
        let source = grouping.columns.isEmpty ? previous.sql
            : "SELECT \(s).*, \(grouping.columns.map { "\($0.sql) AS \($0.name)" }.joined(separator: ", ")) FROM (\(previous.sql)) AS \(s)"
        var sql = "SELECT \(p.distinct ? "DISTINCT " : "")\(selected.joined(separator: ", ")) FROM (\(source)) AS \(s)"
        if aggregates && !groupKeys.isEmpty { sql += " GROUP BY " + groupKeys.joined(separator: ", ") }
        guard ordered else { return sql }
        return "SELECT \(output.map { "\(q).\($0)" }.joined(separator: ", ")) FROM (\(sql)) AS \(q)" + (try orderSkipLimit(wrapper, orderContext, kinds: [:]))
    }
}
