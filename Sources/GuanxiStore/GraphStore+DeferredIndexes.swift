extension GraphStore {
    /// The indexes a build's writer never reads: only queries, profiles and retracts
    /// do. Kept sorted row by row they cost a third of the writer's time; built once
    /// from the finished tables they take well under a second for 100 MB of articles.
    static let writeOnlyIndexes: Set<String> = [
        "node_labels_by_label", "node_props_by_value", "mentions_by_document", "merges_by_document", "merges_by_node",
        "provenance_by_document", "provenance_by_edge_source", "provenance_by_edge_published",
    ]

    /// The `meta` key under which deferred index definitions wait to be built.
    static let deferredIndexesKey = "deferred_indexes"

    /// Drops the indexes a build never reads, when the store holds no document yet
    /// (SQLite only), and records their definitions in `meta` in the same
    /// transaction, so that they are built again by `restoreDeferredIndexes` at the
    /// build's end or, after a build that was killed, when the store is next opened
    /// for writing. Until then queries are answered right, only slower.
    /// - Returns: how many indexes were deferred.
    @discardableResult
    public func deferIndexesForFirstBuild() throws -> Int {
        guard database.backend == .sqlite else { return 0 }
        return try database.transaction {
            guard try database.scalar("SELECT count(*) FROM (SELECT 1 FROM documents LIMIT 1) AS first")?.integer == 0 else { return 0 }
            let definitions = try dropIndexes { Self.writeOnlyIndexes.contains($0) }
            guard !definitions.isEmpty else { return 0 }
            // Recorded in the drop's transaction: both or neither are committed.
            let recorded = (try deferredIndexDefinitions()) + definitions
            try database.execute(bound: "INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)",
                                 [.text(Self.deferredIndexesKey), .text(recorded.joined(separator: ";\n"))])
            return definitions.count
        }
    }

    /// Builds the indexes `deferIndexesForFirstBuild` dropped, if any wait, in one
    /// transaction. Safe to call at any time and from any writer.
    public func restoreDeferredIndexes() throws {
        guard database.backend == .sqlite, !(try deferredIndexDefinitions()).isEmpty else { return }
        try database.transaction {
            // Another writer may have built them since the check.
            for sql in try deferredIndexDefinitions() {
                try database.execute(sql.replacingOccurrences(of: "CREATE INDEX ", with: "CREATE INDEX IF NOT EXISTS "))
            }
            try database.execute(bound: "DELETE FROM meta WHERE key = ?", [.text(Self.deferredIndexesKey)])
        }
    }

    /// Drops the store's own indexes (not SQLite's for keys) whose names `drop` picks,
    /// returning their definitions in name order.
    func dropIndexes(where drop: (String) -> Bool) throws -> [String] {
        var definitions: [String] = []
        for row in try database.rows("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name") {
            guard let name = row[0].text, let sql = row[1].text, drop(name) else { continue }
            try database.execute("DROP INDEX \(name)")
            definitions.append(sql)
        }
        return definitions
    }

    /// True when the store holds the index `name` (SQLite; a deferred one is not there yet).
    func indexExists(_ name: String) throws -> Bool {
        try database.scalar("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?", [.text(name)]) != nil
    }

    /// The definitions of indexes waiting to be built.
    func deferredIndexDefinitions() throws -> [String] {
        guard let text = try database.scalar("SELECT value FROM meta WHERE key = ?", [.text(Self.deferredIndexesKey)])?.text else { return [] }
        return text.components(separatedBy: ";\n").filter { !$0.isEmpty }
    }
}
