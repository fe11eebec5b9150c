extension GraphStore {
    /// Called by every write that reads the session's caches (ingest, retract), inside
    /// its transaction, so that what other writers changed since this session's last
    /// write is not taken from them.
    ///
    /// On PostgreSQL it waits for this writer's turn and holds it until the transaction
    /// ends. Writers on other machines take turns per document (their extraction runs in
    /// parallel): each sees the documents committed before its own, so the graph is the
    /// one a single build leaves, whoever comes first. Stored properties and aliases are
    /// never taken from the caches there; ids and labels not when a retract has run since.
    ///
    /// On SQLite the transaction already excludes other writers; when another connection
    /// has committed since this one last wrote (`PRAGMA data_version`), the caches are
    /// forgotten: a second `guanxi build` into the same file may have renamed nodes or
    /// given them aliases.
    func takeWriteTurn() throws {
        guard database.backend == .postgresql else {
            if dataVersionStatement == nil { dataVersionStatement = try database.prepare("PRAGMA data_version") }
            let version = try dataVersionStatement?.first([])?.first?.integer
            if let seen = seenDataVersion, seen != version { clearCaches() }
            seenDataVersion = version
            return
        }
        try database.execute("SELECT pg_advisory_xact_lock(\(GraphStore.writeLock))")
        propertyCache.removeAll(keepingCapacity: true)
        aliasCache.removeAll(keepingCapacity: true)
        let now = try storedGeneration()
        if now != seenGeneration {
            clearCaches()
            seenGeneration = now
        }
    }
}
