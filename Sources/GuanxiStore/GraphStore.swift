import Foundation
import GuanxiExtraction
import GuanxiText

/// The embedded triple store: one SQLite file holding a labelled property graph
/// (nodes with labels and typed properties, triples with properties), the documents
/// it came from, and one provenance row per fact per document.
///
/// Not `Sendable`: one store belongs to one thread; open another for another thread.
public final class GraphStore {
    /// The connection.
    public let database: Database
    /// The version written into provenance rows.
    public static let extractorVersion = "guanxi \(GuanxiVersion.release)"

    var termCache: [StoreKey: Int64] = [:]
    /// Node ids by key, labels and properties already written this session: documents
    /// share places, ancestors and organisations, and rewriting them is most of the work.
    var nodeCache: [StoreKey: Int64] = [:]
    var labelCache = Set<OwnedKey>()
    var propertyCache: [OwnedKey: SQLValue] = [:]
    /// Nodes' aliases as parsed from their stored JSON list (`aliases(of:)`).
    var aliasCache: [Int64: [String]] = [:]
    var edgeCache: [TripleKey: Int64] = [:]
    /// Nodes this session wrote mentions of, with the first document that did.
    var mentionedNodes: [Int64: Int64] = [:]
    var openBatch = 0
    /// The store's retract count when this session last took its turn (PostgreSQL).
    var seenGeneration = "0"
    /// SQLite's count of other connections' commits when this session last wrote, and
    /// the statement that reads it (`takeWriteTurn`).
    var seenDataVersion: Int64?
    var dataVersionStatement: Statement?
    var batchStarted = Date()
    private var prepared: PreparedStatements?

    /// Forgets session caches; ids may be gone after a retract or a rollback.
    func clearCaches() {
        nodeCache.removeAll(keepingCapacity: true)
        labelCache.removeAll(keepingCapacity: true)
        propertyCache.removeAll(keepingCapacity: true)
        aliasCache.removeAll(keepingCapacity: true)
        edgeCache.removeAll(keepingCapacity: true)
        mentionedNodes.removeAll(keepingCapacity: true)
    }

    /// Forgets the session's caches of ids and properties once they hold more than
    /// `limit` entries: they only save lookups, and a build or import of millions of
    /// nodes would otherwise keep one entry for each.
    public func trimSessionCaches(above limit: Int = 200_000) {
        if nodeCache.count + propertyCache.count + aliasCache.count + edgeCache.count + mentionedNodes.count > limit { clearCaches() }
    }

    /// Starts grouping documents into one transaction (each document stays in a
    /// savepoint of its own). Readers see only committed batches, so only whole documents.
    /// On PostgreSQL every document commits on its own, so that writers on other
    /// machines wait for one document, never for a batch.
    public func beginBatch() throws {
        guard openBatch == 0, database.backend == .sqlite else { return }
        // Keep memory flat on large corpora: the caches only save lookups.
        trimSessionCaches()
        try database.execute("BEGIN IMMEDIATE")
        openBatch = 1
        batchStarted = Date()
    }

    /// While a build writes (SQLite only), keeps temporary data in memory: above all the
    /// journal of each document's savepoint (the pages the document changes), which as
    /// a temporary file was four in five of a build's writes, 4.8 M of the 5.7 M
    /// `pwrite` calls for the 100 MB corpus. Turned off before indexes are built, whose
    /// sorts must spill to files to keep memory bounded. Outside transactions only.
    public func keepTemporaryDataInMemory(_ inMemory: Bool) throws {
        guard database.backend == .sqlite else { return }
        try database.execute("PRAGMA temp_store = \(inMemory ? "MEMORY" : "DEFAULT")")
    }

    /// Commits the open batch if it has run for `seconds` or more (or always, with 0).
    public func commitBatch(after seconds: Double = 0) throws {
        guard openBatch > 0, Date().timeIntervalSince(batchStarted) >= seconds else { return }
        try database.execute("COMMIT")
        openBatch = 0
    }

    /// Refreshes the statistics SQLite's planner reads (`sqlite_stat1`), from a sample
    /// of each index: a few milliseconds whatever the store's size. Without them the
    /// planner cannot tell a selective index from a scan of millions of facts, and a
    /// pattern bound at its far end (…-[:belongs_to]->(d), d from an earlier clause)
    /// starts at the wrong end (on 5 M facts: 720 ms instead of 235). Run after a build
    /// or an import.
    public func refreshStatistics() throws {
        try database.execute(database.backend == .postgresql ? "ANALYZE" : "PRAGMA analysis_limit = 1000; ANALYZE;")
    }

    let timestamp = ISO8601DateFormatter()

    /// The statements of the ingest path, prepared on first use.
    func statements() throws -> PreparedStatements {
        if let prepared { return prepared }
        let made = try PreparedStatements(database)
        prepared = made
        return made
    }

    init(database: Database) {
        self.database = database
    }

    /// Opens the store at `path`, creating it when `create` is true and it does not
    /// exist, and bringing its schema up to date. A file that is not a database, or a
    /// store with a newer schema, is reported and left untouched.
    /// - Throws: `StoreError`.
    public static func open(path: String, create: Bool = true, readOnly: Bool = false) throws -> GraphStore {
        // Another process creating or migrating the same file holds it briefly: wait.
        let deadline = Date().addingTimeInterval(30)
        while true {
            do {
                return try openOnce(path: path, create: create, readOnly: readOnly)
            } catch let error as StoreError where error.code == .busy && Date() < deadline {
                Thread.sleep(forTimeInterval: 0.05)
            }
        }
    }

    static func openOnce(path: String, create: Bool, readOnly: Bool) throws -> GraphStore {
        if case .postgres(let url) = StoreLocation(path) { return try openPostgres(url: url, readOnly: readOnly) }
        let exists = FileManager.default.fileExists(atPath: path)
        if !exists && !create {
            throw StoreError(.sqlite(extended: 14), message: "no store here; run `guanxi build` first or name one with --db", path: path)
        }
        let database = try Database(path: path, create: create, readOnly: readOnly)
        // Reading the schema touches the header: a file that is no database fails here,
        // before anything is written.
        let tables = try database.rows("SELECT name FROM sqlite_master WHERE type = 'table'").compactMap { $0.first?.text }
        var version = 0
        if tables.contains("meta") {
            version = Int(try database.scalar("SELECT value FROM meta WHERE key = 'schema_version'")?.text ?? "0") ?? 0
        } else if !tables.isEmpty {
            throw StoreError(.notADatabase, message: "an SQLite database that is not a Guanxi store", path: path)
        }
        if version > Schema.version {
            throw StoreError(.newerSchema(found: version, supported: Schema.version), message: "", path: path)
        }
        // A 16 MiB page cache per connection (the default is 2 MiB).
        try database.execute("PRAGMA cache_size = -16384;")
        if !readOnly {
            if try database.scalar("PRAGMA journal_mode")?.text?.lowercased() != "wal" {
                try database.execute("PRAGMA journal_mode = WAL")
            }
            try database.execute("PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = OFF;")
            if version < Schema.version {
                try database.transaction {
                    // Another process may have migrated while this one waited for the lock.
                    let hasMeta = try database.scalar("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'")?.integer ?? 0 > 0
                    let now = hasMeta ? Int(try database.scalar("SELECT value FROM meta WHERE key = 'schema_version'")?.text ?? "0") ?? 0 : 0
                    guard now < Schema.version else { return }
                    for v in now..<Schema.version {
                        try database.execute(Schema.migrations[v])
                        try database.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', '\(v + 1)')")
                    }
                }
            }
            // Indexes a killed build deferred are built by the next writer (best effort:
            // another writer may hold the lock, and will build them itself).
            try? GraphStore(database: database).restoreDeferredIndexes()
        } else if version == 0 {
            throw StoreError(.notADatabase, message: "an empty file or database, not a Guanxi store yet (`guanxi build` makes one)", path: path)
        } else if version < Schema.version {
            // A store written by an older Guanxi is brought up to date once, even by a
            // command that only reads: its migrations are the only write it makes.
            _ = try openOnce(path: path, create: false, readOnly: false)
            return try openOnce(path: path, create: false, readOnly: true)
        }
        return GraphStore(database: database)
    }

    // MARK: - Terms

    /// The id of an interned term, creating it when needed.
    func term(_ value: String) throws -> Int64 {
        if let id = termCache[StoreKey(value)] { return id }
        let st = try statements()
        try st.insertTerm.run([.text(value)])
        guard let id = try st.selectTerm.first([.text(value)])?.first?.integer else {
            throw StoreError(.sqlite(extended: 1), message: "term '\(value)' vanished", path: database.path)
        }
        termCache[StoreKey(value)] = id
        return id
    }

    /// Runs one of `PreparedStatements`' inserts and gives the new row's id: on
    /// PostgreSQL from its `RETURNING id` (one statement, so one round trip), on SQLite
    /// from the connection, whose `RETURNING` fills a temporary table for every row
    /// (a sixth of a build's writer went there).
    func insertedID(_ statement: Statement, _ values: [SQLValue]) throws -> Int64 {
        if database.backend == .sqlite {
            try statement.run(values)
            return database.lastInsertedRowID
        }
        guard let id = try statement.first(values)?.first?.integer else {
            throw StoreError(.notADatabase, message: "an insert returned no row id", path: database.path)
        }
        return id
    }

    /// The id of an interned term, if present.
    public func existingTerm(_ value: String) throws -> Int64? {
        if let id = termCache[StoreKey(value)] { return id }
        return try database.scalar("SELECT id FROM terms WHERE value = ?", [.text(value)])?.integer
    }
}

/// Statements the ingest path runs for every document, prepared once.
final class PreparedStatements {
    let insertTerm, selectTerm, selectNode, insertNode, insertLabel, upsertProp, selectProp: Statement
    let selectTriple, insertTriple, upsertEdgeProp, selectEdgeProp, insertProvenance, insertMention, insertMerge: Statement
    let nodeHasMentionsElsewhere: Statement
    let documentByHash, documentsByPath, insertDocument, personByUnit: Statement

    init(_ db: Database) throws {
        func p(_ sql: String) throws -> Statement { try db.prepare(sql) }
        // The row id of an insert `insertedID` runs: PostgreSQL returns it, SQLite's
        // connection knows it.
        let returningID = db.backend == .postgresql ? " RETURNING id" : ""
        insertTerm = try p("INSERT OR IGNORE INTO terms(value) VALUES (?)")
        selectTerm = try p("SELECT id FROM terms WHERE value = ?")
        selectNode = try p("SELECT id FROM nodes WHERE key = ?")
        insertNode = try p("INSERT INTO nodes(key) VALUES (?)" + returningID)
        insertLabel = try p("INSERT OR IGNORE INTO node_labels(node, label) VALUES (?, ?)")
        upsertProp = try p("INSERT OR REPLACE INTO node_props(node, key, value, kind) VALUES (?, ?, ?, ?)")
        selectProp = try p("SELECT value FROM node_props WHERE node = ? AND key = ?")
        selectTriple = try p("SELECT id FROM triples WHERE s = ? AND p = ? AND o = ?")
        insertTriple = try p("INSERT INTO triples(s, p, o) VALUES (?, ?, ?)" + returningID)
        upsertEdgeProp = try p("INSERT OR REPLACE INTO edge_props(edge, key, value, kind) VALUES (?, ?, ?, ?)")
        selectEdgeProp = try p("SELECT value FROM edge_props WHERE edge = ? AND key = ?")
        insertProvenance = try p("""
            INSERT INTO provenance(edge, document, source, start, "end", line, evidence, sentence, rule, extractor, time,
                                   published, published_start, published_end, date)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        insertMention = try p("INSERT INTO mentions(node, document, start, \"end\", sentence, rule, surface) VALUES (?, ?, ?, ?, ?, ?, ?)")
        insertMerge = try p("INSERT INTO merges(node, document, entity, reason, time) VALUES (?, ?, ?, ?, ?)")
        nodeHasMentionsElsewhere = try p("SELECT 1 FROM mentions WHERE node = ? AND document <> ? LIMIT 1")
        documentByHash = try p("SELECT id FROM documents WHERE hash = ?")
        documentsByPath = try p("SELECT id FROM documents WHERE path = ?")
        insertDocument = try p("""
            INSERT INTO documents(name, path, hash, encoding, characters, added, published, published_start, published_end, outlet, text)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """ + returningID)
        personByUnit = try p("""
            SELECT n.key FROM triples t JOIN nodes n ON n.id = t.s
            JOIN node_props p ON p.node = n.id AND p.key = (SELECT id FROM terms WHERE value = 'name')
            WHERE t.o = ? AND t.p IN (SELECT id FROM terms WHERE value IN ('leads', 'member_of')) AND p.value = ?
            ORDER BY n.key LIMIT 1
            """)
    }
}
