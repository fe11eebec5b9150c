import GuanxiStore

/// What every import of a file shares: the file's content hash; nothing to do when a
/// file of that content was imported before; one transaction, in which what the last
/// import of a changed file at the same path stored goes first, then `body` reads the
/// file, told whether the store held no node before it. Into an empty store that
/// transaction keeps SQLite's rollback journal, not its log (`withBulkLoadJournal`).
/// A failure stores nothing.
/// - Throws: `ImportError` when the file cannot be read, or what `body` throws.
func importOnce(_ path: String, into store: GraphStore, progress: ((ImportProgress) -> Void)?,
                _ body: (_ hash: String, _ freshStore: Bool) throws -> ImportSummary) throws -> ImportSummary {
    guard let hash = ContentHash.of(fileAt: path) else { throw ImportError("cannot be read", file: path) }
    if try store.wasImported(hash: hash) {
        var summary = ImportSummary()
        summary.unchanged = true
        return summary
    }
    return try store.withBulkLoadJournal { try store.database.transaction {
        _ = try store.retractImports(path: path)
        // Into an empty store, the indexes nothing reads during the import are built
        // once at its end instead of row by row.
        let fresh = try store.hasNoNodes()
        let suspended = fresh ? try store.suspendIndexes() : []
        // The import writes past the session's caches, and a failed one is rolled back:
        // either way what they hold may be stale.
        defer { store.trimSessionCaches(above: 0) }
        let summary = try body(hash, fresh)
        if !suspended.isEmpty { progress?(.indexing) }
        try store.restoreIndexes(suspended)
        try store.advanceRowIDs()
        return summary
    } }
}
