import CSQLite

/// `SQLITE_TRANSIENT`, which the C header defines as a macro Swift cannot import.
package let SQLITE_TRANSIENT = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

/// A value bound to or read from a statement.
public enum SQLValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)

    /// The value as text, when it is text or a number.
    public var text: String? {
        switch self {
        case .text(let s): return s
        case .integer(let i): return String(i)
        case .real(let d): return String(d)
        case .null: return nil
        }
    }

    /// The value as an integer, when it is one.
    public var integer: Int64? {
        if case .integer(let i) = self { return i }
        return nil
    }

    /// The value as a number, when it is a real or an integer.
    public var number: Double? {
        switch self {
        case .real(let d): return d
        case .integer(let i): return Double(i)
        default: return nil
        }
    }
}

/// Which database system a connection talks to.
public enum Backend: String, Sendable {
    case sqlite, postgresql
}

/// One connection to a store's database: an SQLite file, or a PostgreSQL server
/// (`PostgresConnection`, whose dialect `PostgresSQL` translates the statements into).
/// Owns the C handle; every SQLite call of Guanxi goes through this file and `Statement`.
///
/// Not `Sendable`: a connection belongs to one thread at a time.
public final class Database {
    /// SQLite's handle; nil on PostgreSQL.
    package let handle: OpaquePointer?
    let postgres: PostgresConnection?
    /// The file this connection opened, or the server's URL without its password.
    public let path: String
    /// The database system behind it.
    public var backend: Backend { postgres == nil ? .sqlite : .postgresql }

    /// Opens (and, with `create`, creates) the database at `path`.
    /// The corresponding C function is `sqlite3_open_v2`.
    /// - Throws: `StoreError` when the file cannot be opened.
    public init(path: String, create: Bool, readOnly: Bool = false) throws {
        _ = Self.configureSQLite
        var db: OpaquePointer?
        var flags = readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE
        if create && !readOnly { flags |= SQLITE_OPEN_CREATE }
        flags |= SQLITE_OPEN_NOMUTEX
        let code = sqlite3_open_v2(path, &db, flags, nil)
        guard code == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            _ = sqlite3_close(db)
            throw StoreError(.sqlite(extended: code), message: message, path: path)
        }
        handle = db
        postgres = nil
        self.path = path
        sqlite3_extended_result_codes(db, 1)
        sqlite3_busy_timeout(db, 5000)
    }

    /// Process-wide settings made once, before the first connection opens: without
    /// memory statistics SQLite takes no global mutex per allocation (5 % of a build's
    /// writer). Nothing here reads them.
    private static let configureSQLite: Void = { _ = guanxi_sqlite3_disable_memory_statistics() }()

    /// Connects to the PostgreSQL database a `postgresql://` URL names.
    /// - Throws: `StoreError` naming the server without its password.
    public init(postgresURL url: String) throws {
        let location = StoreLocation.redacting(url)
        postgres = try PostgresConnection(url: url, location: location)
        handle = nil
        path = location
    }

    deinit { if let handle { sqlite3_close_v2(handle) } }

    package func error(_ code: Int32, sql: String?) -> StoreError {
        let extended = sqlite3_extended_errcode(handle)
        let primary = extended & 0xFF
        if primary == SQLITE_NOTADB { return StoreError(.notADatabase, message: "not an SQLite database (nor a Guanxi store)", sql: sql, path: path) }
        if primary == SQLITE_BUSY || primary == SQLITE_LOCKED { return StoreError(.busy, message: "database is locked", sql: sql, path: path) }
        return StoreError(.sqlite(extended: extended), message: String(cString: sqlite3_errmsg(handle)), sql: sql, path: path)
    }

    /// Runs one or more statements that return no rows.
    /// The corresponding C function is `sqlite3_exec`.
    public func execute(_ sql: String) throws {
        if let postgres { return try postgres.execute(PostgresSQL.translate(sql).sql) }
        let code = sqlite3_exec(handle, sql, nil, nil, nil)
        guard code == SQLITE_OK else { throw error(code, sql: sql) }
    }

    /// Runs statements written for the database system at hand, as they are: on
    /// PostgreSQL without the translation of SQLite's forms that `execute` applies
    /// (function bodies hold `?` and `$` of their own).
    public func executeVerbatim(_ sql: String) throws {
        if let postgres { return try postgres.execute(sql) }
        try execute(sql)
    }

    /// Runs one statement with bound values, returning nothing.
    public func execute(bound sql: String, _ arguments: [SQLValue]) throws {
        if let postgres {
            _ = try postgres.rows(PostgresSQL.translate(sql).sql, arguments)
            return
        }
        try prepare(sql).run(arguments)
    }

    /// Prepares `sql` for repeated use.
    public func prepare(_ sql: String) throws -> Statement {
        try Statement(database: self, sql: sql)
    }

    /// Prepares a query that may return any number of rows, read as they are stepped
    /// through. On SQLite every statement is read that way; on PostgreSQL, inside a
    /// transaction (`readSnapshot`), a scan is read through a cursor `scanFetchSize`
    /// rows at a time, so that memory stays flat however large the store. Outside one,
    /// it is read whole, as every other statement is.
    public func prepareScan(_ sql: String) throws -> Statement {
        try Statement(database: self, sql: sql, scan: true)
    }

    /// How many rows a PostgreSQL scan fetches at a time.
    public var scanFetchSize = 10_000

    /// The rows of a query, each as an array of values.
    public func rows(_ sql: String, _ arguments: [SQLValue] = []) throws -> [[SQLValue]] {
        if let postgres { return try postgres.rows(PostgresSQL.translate(sql).sql, arguments).rows }
        let statement = try prepare(sql)
        try statement.bind(arguments)
        var out: [[SQLValue]] = []
        while try statement.step() { out.append(statement.row()) }
        return out
    }

    /// The first column of the first row, if any.
    public func scalar(_ sql: String, _ arguments: [SQLValue] = []) throws -> SQLValue? {
        try rows(sql, arguments).first?.first
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it
    /// throws, so a failure loses nothing already stored. Inside an open transaction it
    /// runs in a savepoint, which rolls back alone.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        let nested = !isAutocommit
        try execute(nested ? "SAVEPOINT nested" : "BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute(nested ? "RELEASE nested" : "COMMIT")
            return result
        } catch {
            try? execute(nested ? "ROLLBACK TO nested; RELEASE nested" : "ROLLBACK")
            throw error
        }
    }

    /// Runs `body` on one consistent state of the store, whatever other connections
    /// commit meanwhile: an export merges several scans, which must all read the same
    /// commit. Inside an open transaction it just runs `body`, which already has one.
    /// SQLite: a deferred transaction (the first read fixes the snapshot); PostgreSQL: a
    /// read-only transaction at repeatable read.
    public func readSnapshot<T>(_ body: () throws -> T) throws -> T {
        guard isAutocommit else { return try body() }
        try execute(postgres == nil ? "BEGIN DEFERRED" : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// False while a transaction is open. The corresponding C function is `sqlite3_get_autocommit`.
    public var isAutocommit: Bool {
        if let postgres { return postgres.isIdle }
        return sqlite3_get_autocommit(handle) != 0
    }

    /// How long a statement waits for another connection's lock before failing with
    /// `StoreError.Code.busy`. The corresponding C function is `sqlite3_busy_timeout`.
    public func setBusyTimeout(seconds: Double) {
        if let postgres {
            try? postgres.execute("SET lock_timeout = \(Int(seconds * 1000))")
            return
        }
        sqlite3_busy_timeout(handle, Int32(seconds * 1000))
    }

    /// Rows changed by the last statement. The corresponding C function is `sqlite3_changes`.
    public var changes: Int {
        if let postgres { return postgres.changes }
        return Int(sqlite3_changes(handle))
    }

    /// The row id of the last row this connection inserted (SQLite only: on PostgreSQL
    /// an insert returns its id). The corresponding C function is `sqlite3_last_insert_rowid`.
    public var lastInsertedRowID: Int64 { sqlite3_last_insert_rowid(handle) }
}

/// A prepared statement; finalized when released. On PostgreSQL a server-side prepared
/// statement whose rows are read whole on each run.
public final class Statement {
    let handle: OpaquePointer?
    unowned let database: Database
    let sql: String
    /// PostgreSQL: the statement's name, its translated text, the bound values and the
    /// rows of the current run with the position in them.
    private let postgres: PostgresConnection?
    private var postgresName: String?
    private var postgresSQL = ""
    private var postgresValues: [SQLValue] = []
    private var postgresRows: [[SQLValue]]?
    private var postgresPosition = -1
    /// PostgreSQL scans: the open cursor, and whether its last fetch came back short.
    private let scan: Bool
    private var cursor: String?
    private var cursorExhausted = false

    init(database: Database, sql: String, scan: Bool = false) throws {
        self.database = database
        self.sql = sql
        self.scan = scan
        postgres = database.postgres
        if let postgres {
            let (translated, parameters) = PostgresSQL.translate(sql)
            postgresSQL = translated
            postgresName = try postgres.prepare(translated, parameters: parameters)
            handle = nil
            return
        }
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v2(database.handle, sql, -1, &statement, nil)
        guard code == SQLITE_OK, let statement else { throw database.error(code, sql: sql) }
        self.handle = statement
    }

    deinit {
        if let handle { sqlite3_finalize(handle) }
        closeCursor()
        if let postgresName { postgres?.deallocate(postgresName) }
    }

    /// Reads a PostgreSQL scan's next row through its cursor, fetching the next rows
    /// when those read so far are used up.
    private func stepCursor(_ postgres: PostgresConnection) throws -> Bool {
        if cursor == nil {
            let name = postgres.cursorName()
            _ = try postgres.rows("DECLARE \(name) NO SCROLL CURSOR FOR \(postgresSQL)", postgresValues)
            cursor = name
            cursorExhausted = false
            postgresRows = []
            postgresPosition = -1
        }
        postgresPosition += 1
        if postgresPosition < (postgresRows?.count ?? 0) { return true }
        guard !cursorExhausted, let cursor else { return false }
        let size = max(1, database.scanFetchSize)
        let fetched = try postgres.rows("FETCH \(size) FROM \(cursor)", []).rows
        cursorExhausted = fetched.count < size
        postgresRows = fetched
        postgresPosition = 0
        return !fetched.isEmpty
    }

    /// Closes a PostgreSQL scan's cursor, if it is still open: a transaction's end
    /// closes it too, and closing one that is gone would fail the transaction in hand.
    private func closeCursor() {
        guard let cursor, let postgres else { return }
        self.cursor = nil
        guard !postgres.isIdle,
              (try? postgres.rows("SELECT 1 FROM pg_cursors WHERE name = $1", [.text(cursor)]).rows.isEmpty) == false else { return }
        try? postgres.execute("CLOSE \(cursor)")
    }

    /// Binds `values` to the parameters, in order, after resetting the statement.
    public func bind(_ values: [SQLValue]) throws {
        if postgresName != nil {
            closeCursor()
            postgresValues = values
            postgresRows = nil
            postgresPosition = -1
            return
        }
        sqlite3_reset(handle)
        // Parameters left unbound read as NULL, not as their last run's values.
        if values.count < Int(sqlite3_bind_parameter_count(handle)) { sqlite3_clear_bindings(handle) }
        for (i, v) in values.enumerated() {
            let index = Int32(i + 1)
            let code: Int32
            switch v {
            case .null: code = sqlite3_bind_null(handle, index)
            case .integer(let x): code = sqlite3_bind_int64(handle, index, x)
            case .real(let x): code = sqlite3_bind_double(handle, index, x)
            case .text(let s): code = Self.bindText(handle, index, s)
            }
            guard code == SQLITE_OK else { throw database.error(code, sql: sql) }
        }
    }

    /// Binds `text` from its own UTF-8 bytes, which SQLite copies: passing the string
    /// as a C string made a NUL-terminated copy of it first, an allocation per value.
    private static func bindText(_ handle: OpaquePointer?, _ index: Int32, _ text: String) -> Int32 {
        let bound = text.utf8.withContiguousStorageIfAvailable { bytes -> Int32? in
            // An empty buffer may have no address, which SQLite would bind as NULL.
            guard let base = bytes.baseAddress, bytes.count > 0, bytes.count < Int(Int32.max) else { return nil }
            return base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                sqlite3_bind_text(handle, index, $0, Int32(bytes.count), SQLITE_TRANSIENT)
            }
        }
        return (bound ?? nil) ?? sqlite3_bind_text(handle, index, text, -1, SQLITE_TRANSIENT)
    }

    /// Advances to the next row; false when done. The corresponding C function is `sqlite3_step`.
    @discardableResult
    public func step() throws -> Bool {
        if let postgresName, let postgres {
            if scan && (cursor != nil || !postgres.isIdle) { return try stepCursor(postgres) }
            if postgresRows == nil {
                postgresRows = try postgres.runPrepared(postgresName, sql: postgresSQL, postgresValues).rows
            }
            postgresPosition += 1
            return postgresPosition < (postgresRows?.count ?? 0)
        }
        let code = sqlite3_step(handle)
        if code == SQLITE_ROW { return true }
        if code == SQLITE_DONE { return false }
        throw database.error(code, sql: sql)
    }

    /// Binds, runs to completion, and returns nothing.
    public func run(_ values: [SQLValue]) throws {
        try bind(values)
        while try step() {}
        reset()
    }

    /// The first row for `values`, or nil; the statement is reset afterwards, so that
    /// it holds no read snapshot open (in WAL mode a stale snapshot would stop this
    /// connection from writing later). The corresponding C function is `sqlite3_reset`.
    public func first(_ values: [SQLValue]) throws -> [SQLValue]? {
        try bind(values)
        defer { reset() }
        return try step() ? row() : nil
    }

    /// Ends the current execution; the statement can run again.
    public func reset() {
        if postgresName != nil {
            closeCursor()
            postgresRows = nil
            postgresPosition = -1
            return
        }
        sqlite3_reset(handle)
    }

    /// The current row's values.
    public func row() -> [SQLValue] {
        if let rows = postgresRows {
            return postgresPosition >= 0 && postgresPosition < rows.count ? rows[postgresPosition] : []
        }
        return (0..<sqlite3_column_count(handle)).map { column($0) }
    }

    /// One column of the current row.
    public func column(_ i: Int32) -> SQLValue {
        if postgresName != nil {
            let r = row()
            return Int(i) < r.count ? r[Int(i)] : .null
        }
        switch sqlite3_column_type(handle, i) {
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(handle, i))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(handle, i))
        case SQLITE_NULL: return .null
        case SQLITE_BLOB:
            // NaN, which SQLite cannot hold as a REAL (see NaNEncoding).
            guard sqlite3_column_bytes(handle, i) == 8, let bytes = sqlite3_column_blob(handle, i) else { return .null }
            return .real(Double(bitPattern: bytes.loadUnaligned(as: UInt64.self)))
        default:
            guard let text = sqlite3_column_text(handle, i) else { return .null }
            return .text(String(cString: text))
        }
    }
}
