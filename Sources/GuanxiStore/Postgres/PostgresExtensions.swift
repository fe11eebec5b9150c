import Foundation

/// SQL that modules above the store keep in every PostgreSQL store (the query
/// language's functions), each under a `meta` key with its version. A writer brings
/// them up to date when it opens a store, as it does the schema, so that readers, who
/// may not create anything, find them there.
public enum PostgresExtensions {
    /// One body of SQL and the `meta` key and version it is installed under.
    public struct Extension: Sendable {
        public let key: String
        public let version: String
        public let sql: String

        public init(key: String, version: String, sql: String) {
            self.key = key
            self.version = version
            self.sql = sql
        }
    }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var registered: [String: Extension] = [:]

    /// Has every PostgreSQL store opened for writing from now on get `e`.
    public static func register(_ e: Extension) {
        lock.lock()
        defer { lock.unlock() }
        registered[e.key] = e
    }

    static var all: [Extension] {
        lock.lock()
        defer { lock.unlock() }
        return registered.values.sorted { $0.key < $1.key }
    }

    /// Installs `e` unless the store has its version, in a read-write transaction of its
    /// own (a reader's session is otherwise read-only) under an advisory lock, so that
    /// two processes opening the store at once do not collide.
    /// - Throws: `StoreError` when the server refuses (a role that may not create
    ///   functions in the store's schema).
    public static func install(_ e: Extension, on database: Database) throws {
        func current() throws -> String? {
            try database.scalar("SELECT value FROM meta WHERE key = ?", [.text(e.key)])?.text
        }
        guard try current() != e.version else { return }
        try database.execute("BEGIN READ WRITE")
        do {
            try database.execute("SELECT pg_advisory_xact_lock(4783920)")
            if try current() != e.version {
                // Function bodies hold `?` and `$` of their own: run as written.
                try database.executeVerbatim(e.sql)
                try database.execute(bound: "INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", [.text(e.key), .text(e.version)])
            }
            try database.execute("COMMIT")
        } catch {
            try? database.execute("ROLLBACK")
            throw error
        }
    }
}
