extension GraphStore {
    /// Opens the store in the PostgreSQL database `url` names, creating its tables
    /// when the database holds none and bringing an older schema up to date. A database
    /// with tables of its own, or a newer Guanxi schema, is reported and left untouched.
    /// Read-only opens make the session read-only, so that nothing can write through it.
    /// Concurrent first opens are serialised by an advisory lock held while migrating.
    static func openPostgres(url: String, readOnly: Bool) throws -> GraphStore {
        let database = try Database(postgresURL: url)
        func currentVersion() throws -> Int {
            let tables = try database.rows("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()")
                .compactMap { $0.first?.text }
            if tables.contains("meta") {
                return Int(try database.scalar("SELECT value FROM meta WHERE key = 'schema_version'")?.text ?? "0") ?? 0
            }
            if !tables.isEmpty {
                throw StoreError(.notADatabase, message: "a PostgreSQL database with tables of its own, not a Guanxi store (give Guanxi a database of its own)",
                                 path: database.path)
            }
            return 0
        }
        let version = try currentVersion()
        if version > Schema.version {
            throw StoreError(.newerSchema(found: version, supported: Schema.version), message: "", path: database.path)
        }
        if version < Schema.version {
            if readOnly && version == 0 {
                throw StoreError(.notADatabase, message: "an empty database, not a Guanxi store yet (`guanxi build` makes one)", path: database.path)
            }
            try database.transaction {
                // One migrating process at a time; the others find the work done.
                try database.execute("SELECT pg_advisory_xact_lock(\(migrationLock))")
                let now = try currentVersion()
                for step in Schema.postgresMigrations where step.version > now {
                    try database.execute(step.sql)
                    try database.execute(bound: "INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', ?)", [.text(String(step.version))])
                }
            }
        }
        if readOnly {
            try database.execute("SET default_transaction_read_only = on")
        } else {
            for e in PostgresExtensions.all { try PostgresExtensions.install(e, on: database) }
        }
        return GraphStore(database: database)
    }

    /// After rows were written with ids of their own (an import keeps a file's ids),
    /// moves PostgreSQL's identity sequences past them, so that the next row the store
    /// numbers itself does not collide. Nothing to do on SQLite, whose next row id is
    /// always past the largest.
    public func advanceRowIDs() throws {
        guard database.backend == .postgresql else { return }
        for table in ["nodes", "triples"] {
            try database.execute("SELECT setval(pg_get_serial_sequence('\(table)', 'id'), greatest((SELECT max(id) FROM \(table)), 1))")
        }
    }

    /// Counts a retract in `meta`, so that other writers know ids may be gone.
    func advanceGeneration() throws {
        guard database.backend == .postgresql else { return }
        let next = (Int(try storedGeneration()) ?? 0) + 1
        try database.execute(bound: "INSERT OR REPLACE INTO meta(key, value) VALUES ('generation', ?)", [.text(String(next))])
        seenGeneration = String(next)
    }

    /// How many retracts the store has seen (`meta.generation`).
    func storedGeneration() throws -> String {
        try database.scalar("SELECT value FROM meta WHERE key = 'generation'")?.text ?? "0"
    }

    /// The advisory lock key migrations hold ("gx" in ASCII).
    static let migrationLock = 0x6778
    /// The advisory lock key a document's write holds ("gxw").
    static let writeLock = 0x677877
}
