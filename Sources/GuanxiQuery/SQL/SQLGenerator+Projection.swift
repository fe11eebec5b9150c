import GuanxiStore

extension SQLGenerator {
    /// WITH: a projection whose columns become the variables of what follows.
    mutating func intermediateProjection(_ previous: Stage, _ p: Projection, aggregates: Bool) throws -> Stage {
        let s = fresh("s")
        let ctx = context(previous.scope, alias: s)
        var scope = p.star ? previous.scope : Scope()
        var columns: [String] = []
        var groupKeys: [String] = []
        if p.star {
            for v in previous.scope.variables {
                columns.append("\(s).\(v.column) AS \(v.column)")
                groupKeys.append("\(s).\(v.column)")
                if let k = v.kindColumn { columns.append("\(s).\(k) AS \(k)") }
            }
        }
        var aliasContext = ctx
        var aliasKinds: [String: String?] = [:]
        var grouping = try self.grouping(of: p, alias: s, ctx, previous.scope, aggregates: aggregates)
        var named: [(name: String, column: String, sql: String, kind: ValueKind)] = []
        for item in p.items {
            let aggregated = Binder.containsAggregate(item.expression)
            let (compiledSQL, kind) = try projectionItem(item.expression, ctx, grouping, at: p.position)
            let c = fresh("v")
            let sql = aggregated ? compiledSQL : grouping.column(compiledSQL)
            columns.append("\(sql) AS \(c)")
            if !aggregated { groupKeys.append(sql) }
            let name = item.alias ?? item.text
            if item.alias == nil, case .variable = item.expression {} else if item.alias == nil {
                throw QueryError(.semantic, "an expression in WITH must be named with AS", at: item.position, in: source)
            }
            // A property value keeps its stored kind, so `WITH n.flag AS f RETURN f` shows a boolean.
            var kindColumn: String?
            if let k = aggregated ? aggregateKinds[sql] : try storedKind(of: item.expression, kind, ctx) {
                kindColumn = fresh("k")
                columns.append("\(k) AS \(kindColumn ?? "")")
                if !aggregated { groupKeys.append(k) }
            }
            scope.bind(name, kind: kind, column: c, kindColumn: kindColumn, mayBeNaN: mayBeNaN(sql))
            aliasContext[name] = (c, kind)
            aliasKinds[name] = kindColumn
            named.append((name, c, sql, kind))
        }
        if isPostgres {
            let wrapped = try pgProjection(p, previous, ctx, columns: columns, groupKeys: groupKeys, grouping: grouping, aggregates: aggregates,
                                           named: named, output: scope.variables.map(\.column))
            return Stage(sql: wrapped, scope: scope)
        }
        var sql = "SELECT \(p.distinct ? "DISTINCT " : "")\(columns.joined(separator: ", ")) FROM (\(previous.sql)) AS \(s)"
        if aggregates && !groupKeys.isEmpty { sql += " GROUP BY " + groupKeys.joined(separator: ", ") }
        sql += try orderSkipLimit(p, aliasContext, kinds: aliasKinds)
        return Stage(sql: sql, scope: scope)
    }

    /// RETURN: the result columns, named as written or by AS.
    mutating func finalProjection(_ previous: Stage, _ p: Projection, aggregates: Bool) throws -> CompiledQuery {
        let s = fresh("s")
        let ctx = context(previous.scope, alias: s)
        var columns: [String] = []
        var result: [(name: String, kind: ValueKind, kindColumn: Int?)] = []
        var hidden: [String] = []
        var groupKeys: [String] = []
        var aliasContext = ctx
        var aliasKinds: [String: String?] = [:]
        var items: [(String, Expression?, Variable?)] = []
        if p.star {
            for v in previous.scope.variables.sorted(by: { $0.name < $1.name }) where !v.name.hasPrefix(" ") {
                items.append((v.name, nil, v))
            }
        }
        for item in p.items { items.append((item.alias ?? item.text, item.expression, nil)) }
        var names = Set<String>()
        var grouping = try self.grouping(of: p, alias: s, ctx, previous.scope, aggregates: aggregates)
        var named: [(name: String, column: String, sql: String, kind: ValueKind)] = []
        for (name, expression, variable) in items {
            guard names.insert(name).inserted else { throw QueryError(.semantic, "the column ‘\(name)’ is returned twice; name one with AS") }
            let sql: String, kind: ValueKind
            if let variable {
                (sql, kind) = (grouping.column("\(s).\(variable.column)"), variable.kind)
            } else if let expression {
                let aggregated = Binder.containsAggregate(expression)
                let compiled = try projectionItem(expression, ctx, grouping, at: p.position)
                (sql, kind) = (aggregated ? compiled.sql : grouping.column(compiled.sql), compiled.kind)
                if !aggregated { groupKeys.append(sql) }
            } else { continue }
            if variable != nil { groupKeys.append(sql) }
            let c = "c\(result.count)"
            columns.append("\(sql) AS \(c)")
            var kindColumn: Int?
            let aggregated = expression.map(Binder.containsAggregate) ?? false
            let stored = aggregated ? aggregateKinds[sql] : try storedKinds[sql] ?? expression.flatMap { try storedKind(of: $0, kind, ctx) }
            if let stored {
                hidden.append(stored)
                kindColumn = hidden.count - 1
                // 1 and true are one SQL value but two groups.
                if !aggregated { groupKeys.append(stored) }
            }
            result.append((name, kind, kindColumn))
            aliasContext[name] = (c, kind)
            aliasKinds[name] = kindColumn.map { "k\($0)" }
            named.append((name, c, sql, kind))
        }
        if isPostgres {
            let sql = try pgProjection(p, previous, ctx, columns: columns, groupKeys: groupKeys, grouping: grouping, aggregates: aggregates,
                                       named: named, output: named.map(\.column))
            return CompiledQuery(sql: sql, bindings: bindings, columns: result)
        }
        let visible = result.count
        for (i, h) in hidden.enumerated() {
            columns.append("\(h) AS k\(i)")
        }
        // Hidden kind columns come after the visible ones.
        result = result.map { ($0.name, $0.kind, $0.kindColumn.map { visible + $0 }) }
        var sql = "SELECT \(p.distinct ? "DISTINCT " : "")\(columns.joined(separator: ", ")) FROM (\(previous.sql)) AS \(s)"
        if aggregates && !groupKeys.isEmpty { sql += " GROUP BY " + groupKeys.joined(separator: ", ") }
        sql += try orderSkipLimit(p, aliasContext, kinds: aliasKinds)
        return CompiledQuery(sql: sql, bindings: bindings, columns: result)
    }

    /// ORDER BY, SKIP and LIMIT of a projection. `kinds` gives, for the projection's own
    /// names, the column holding a stored kind (if any).
    mutating func orderSkipLimit(_ p: Projection, _ ctx: Context, kinds: [String: String?]) throws -> String {
        var sql = ""
        if !p.order.isEmpty {
            var keys: [String] = []
            for (e, ascending) in p.order {
                let (k, kind) = try expression(e, ctx)
                let direction = ascending ? "ASC NULLS LAST" : "DESC NULLS FIRST"
                if isPostgres {
                    keys += pgOrderKeys(k, kind, direction)
                    continue
                }
                // Null sorts after every value, as in Cypher; lists element by element.
                if kind.isList {
                    keys.append("\(k) COLLATE GX_ORDER \(direction)")
                    continue
                }
                // A property that holds a list sorts before strings, booleans and numbers.
                // (Built-in keys such as `name` are never a list held as an unknown kind.)
                var stored: String?
                if case .variable(let name, _) = e, let own = kinds[name] {
                    stored = own
                } else if case .property(_, let key, _) = e, Vocabulary.virtualNodeKeys.contains(key) || Vocabulary.virtualEdgeKeys.contains(key) {
                    stored = nil
                } else {
                    stored = try storedKind(of: e, kind, ctx)
                }
                if let stored {
                    // Values of mixed kinds sort in Cypher's order of kinds: maps, nodes,
                    // relationships, lists, paths, dates and times, strings, booleans,
                    // numbers (NaN last among them), null.
                    // Tagged text (TaggedText, TemporalValue) ranks by its letter.
                    let tagRank = "(CASE substr(\(k), 2, 1) WHEN 'N' THEN 1 WHEN 'R' THEN 2 WHEN 'W' THEN 4 WHEN 'F' THEN 8.5 ELSE 5 END)"
                    let rank = "(CASE \(stored) WHEN 'map' THEN 0 WHEN 'list' THEN 3 WHEN 'boolean' THEN 7 ELSE (CASE typeof(\(k)) "
                        + "WHEN 'text' THEN (CASE WHEN \(k) >= \(TaggedText.markerSQL) THEN \(tagRank) ELSE 6 END) WHEN 'null' THEN 9 WHEN 'blob' THEN 8.5 ELSE 8 END) END)"
                    keys.append("\(rank) \(direction)")
                    keys.append("(CASE WHEN \(stored) IN ('list', 'map') THEN \(k) END) COLLATE GX_ORDER \(direction)")
                }
                keys.append("\(k) \(direction)")
            }
            sql += " ORDER BY " + keys.joined(separator: ", ")
        }
        for case .parameter(let name, let position) in [p.skip, p.limit].compactMap({ $0 }) {
            switch parameters[name] {
            case nil: continue
            case .integer(let v)? where v >= 0: continue
            case let value?: throw QueryError(.semantic, "SKIP and LIMIT take a non-negative integer; $\(name) is \(value.json)", at: position, in: source)
            }
        }
        if p.skip != nil || p.limit != nil {
            // A computed count is checked when it runs (SQLite reads a negative LIMIT as none).
            func count(_ e: Expression) throws -> String {
                let sql = try expression(e, ctx).sql
                switch e {
                case .literal, .parameter: return sql
                default: return "gx_count(\(sql))"
                }
            }
            let limit = try p.limit.map(count) ?? (isPostgres ? "ALL" : "-1")
            sql += " LIMIT \(limit)"
            if let skip = p.skip { sql += " OFFSET " + (try count(skip)) }
        }
        return sql
    }
}
