/// What went wrong in the store, with the SQL and the file when they matter.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    /// The kinds of failure.
    public enum Code: Sendable, Equatable {
        /// SQLite reported an error (`extended` is its extended result code).
        case sqlite(extended: Int32)
        /// The file exists but is not an SQLite database.
        case notADatabase
        /// The database was written by a newer Guanxi.
        case newerSchema(found: Int, supported: Int)
        /// Another process holds the write lock for longer than the wait allows.
        case busy
        /// A document named for retraction is not in the store.
        case unknownDocument
        /// PostgreSQL reported an error (`state` is its SQLSTATE, e.g. `42P01`).
        case postgres(state: String)
    }

    /// What failed.
    public let code: Code
    /// SQLite's or our own explanation.
    public let message: String
    /// The statement that failed, if any.
    public let sql: String?
    /// The database file, or the server's URL without its password.
    public let path: String

    init(_ code: Code, message: String, sql: String? = nil, path: String) {
        self.code = code
        self.message = message
        self.sql = sql
        self.path = path
    }

    /// A message that names the file, says what failed and how it may be remedied.
    public var description: String {
        switch code {
        case .notADatabase:
            return "\(path): \(message.isEmpty ? "not an SQLite database" : message); it was left untouched. Choose another --db path."
        case .newerSchema(let found, let supported):
            return "\(path): the store has schema version \(found), newer than this guanxi supports (\(supported)); it was left untouched. Upgrade guanxi."
        case .busy:
            return "\(path): another guanxi process is writing to this store; try again when it has finished."
        case .unknownDocument:
            return "\(path): \(message)"
        case .sqlite(let extended):
            var s = "\(path): SQLite error \(extended): \(message)"
            if let sql { s += " - while executing `\(sql.split(separator: "\n").joined(separator: " "))`" }
            return s
        case .postgres(let state):
            var s = "\(path): PostgreSQL error\(state.isEmpty ? "" : " " + state): \(message)"
            if let sql { s += " - while executing `\(sql.split(separator: "\n").joined(separator: " "))`" }
            return s
        }
    }
}
