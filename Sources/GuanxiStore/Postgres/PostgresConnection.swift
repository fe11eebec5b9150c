import CPostgres
import Foundation

/// One connection to a PostgreSQL server through libpq, PostgreSQL's own client
/// library. Every libpq call of Guanxi goes through this file.
///
/// libpq rather than PostgresNIO: the store is synchronous (one connection per thread,
/// a build's single writer), as it is over SQLite, and libpq's blocking calls fit it
/// without an event loop; it is the library `psql` itself uses, from Debian's
/// `libpq-dev`, linked as the system SQLite is.
///
/// Not `Sendable`: a connection belongs to one thread at a time.
final class PostgresConnection {
    let handle: OpaquePointer
    /// Where it is connected, without the password.
    let location: String
    /// Rows the last command changed.
    private(set) var changes = 0
    /// The SQLSTATE of the last error the server reported (57014: a statement timed out).
    private(set) var lastErrorState: String?
    private var preparedCount = 0

    /// Connects to the server a `postgresql://` or `postgres://` URL names.
    /// - Throws: `StoreError` naming the server (never the password) and libpq's reason.
    init(url: String, location: String) throws {
        guard let connection = PQconnectdb(url) else {
            throw StoreError(.postgres(state: ""), message: "libpq could not allocate a connection", path: location)
        }
        guard PQstatus(connection) == CONNECTION_OK else {
            let reason = Self.text(PQerrorMessage(connection))
            PQfinish(connection)
            throw StoreError(.postgres(state: "08001"), message: "cannot connect: \(StoreLocation.redacting(reason))", path: location)
        }
        handle = connection
        self.location = location
        // Notices (e.g. "relation already exists, skipping") are not the user's business.
        PQsetNoticeProcessor(connection, { _, _ in }, nil)
    }

    deinit { PQfinish(handle) }

    static func text(_ c: UnsafePointer<CChar>?) -> String {
        guard let c else { return "" }
        var s = String(cString: c)
        while s.last == "\n" || s.last == " " { s.removeLast() }
        return s
    }

    /// The error of a failed result, with its SQLSTATE.
    func error(_ result: OpaquePointer?, sql: String?) -> StoreError {
        let state = result.flatMap { PQresultErrorField($0, Int32(UInt8(ascii: "C"))) }.map { String(cString: $0) } ?? ""
        // The server's own words, with its detail and hint: not the CONTEXT of a function
        // that raised it, nor the caret under the statement's text.
        func field(_ code: Character) -> String? {
            result.flatMap { PQresultErrorField($0, Int32(code.asciiValue ?? 0)) }.map { Self.text($0) }
        }
        let message = field("M").map { m in [m, field("D"), field("H")].compactMap { $0 }.joined(separator: "; ") }
            ?? result.map { Self.text(PQresultErrorMessage($0)) } ?? Self.text(PQerrorMessage(handle))
        let primary = message.hasPrefix("ERROR:  ") ? String(message.dropFirst(8)) : message
        lastErrorState = state
        if state == "40P01" || state == "40001" || state == "55P03" {
            return StoreError(.busy, message: primary, sql: sql, path: location)
        }
        return StoreError(.postgres(state: state), message: primary, sql: sql, path: location)
    }

    /// Checks a result, returning it when it succeeded; frees it and throws otherwise.
    func check(_ result: OpaquePointer?, sql: String?) throws -> OpaquePointer {
        guard let result else { throw error(nil, sql: sql) }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
            let tuples = Self.text(PQcmdTuples(result))
            changes = Int(tuples) ?? 0
            return result
        default:
            let e = error(result, sql: sql)
            PQclear(result)
            throw e
        }
    }

    /// Runs statements without parameters (several, separated by semicolons).
    func execute(_ sql: String) throws {
        PQclear(try check(PQexec(handle, sql), sql: sql))
    }

    /// Runs one statement with text parameters, returning its rows.
    func rows(_ sql: String, _ values: [SQLValue]) throws -> PostgresRows {
        let result = try withParameters(values) { count, pointers in
            try check(PQexecParams(handle, sql, count, nil, pointers, nil, nil, 0), sql: sql)
        }
        return PostgresRows(result)
    }

    /// Prepares a statement under a fresh name.
    func prepare(_ sql: String, parameters: Int) throws -> String {
        preparedCount += 1
        let name = "gx\(preparedCount)"
        PQclear(try check(PQprepare(handle, name, sql, Int32(parameters), nil), sql: sql))
        return name
    }

    /// A fresh name for a cursor.
    func cursorName() -> String {
        preparedCount += 1
        return "gx_scan\(preparedCount)"
    }

    /// Runs a prepared statement.
    func runPrepared(_ name: String, sql: String, _ values: [SQLValue]) throws -> PostgresRows {
        let result = try withParameters(values) { count, pointers in
            try check(PQexecPrepared(handle, name, count, pointers, nil, nil, 0), sql: sql)
        }
        return PostgresRows(result)
    }

    /// Forgets a prepared statement.
    func deallocate(_ name: String) {
        if let r = PQexec(handle, "DEALLOCATE \(name)") { PQclear(r) }
    }

    /// True while no transaction is open.
    var isIdle: Bool { PQtransactionStatus(handle) == PQTRANS_IDLE }

    /// Calls `body` with the values as C strings in PostgreSQL's text format.
    private func withParameters<T>(_ values: [SQLValue], _ body: (Int32, UnsafePointer<UnsafePointer<CChar>?>?) throws -> T) throws -> T {
        let texts: [String?] = values.map { v in
            switch v {
            case .null: return nil
            case .integer(let i): return String(i)
            case .real(let d):
                if d.isNaN { return "NaN" }
                if d.isInfinite { return d > 0 ? "Infinity" : "-Infinity" }
                return String(d)
            case .text(let s): return s
            }
        }
        var pointers: [UnsafePointer<CChar>?] = []
        var owned: [UnsafeMutablePointer<CChar>] = []
        defer { owned.forEach { free($0) } }
        for t in texts {
            if let t, let copy = strdup(t) {
                owned.append(copy)
                pointers.append(UnsafePointer(copy))
            } else {
                pointers.append(nil)
            }
        }
        return try pointers.withUnsafeBufferPointer { try body(Int32(values.count), $0.baseAddress) }
    }
}

/// The rows of one result, read into values by their column types.
struct PostgresRows {
    let rows: [[SQLValue]]

    init(_ result: OpaquePointer) {
        defer { PQclear(result) }
        let count = Int(PQntuples(result)), columns = Int(PQnfields(result))
        let types = (0..<columns).map { PQftype(result, Int32($0)) }
        var out: [[SQLValue]] = []
        out.reserveCapacity(count)
        for r in 0..<count {
            var row: [SQLValue] = []
            row.reserveCapacity(columns)
            for c in 0..<columns {
                if PQgetisnull(result, Int32(r), Int32(c)) != 0 {
                    row.append(.null)
                    continue
                }
                let text = String(cString: PQgetvalue(result, Int32(r), Int32(c)))
                row.append(Self.value(text, type: types[c]))
            }
            out.append(row)
        }
        rows = out
    }

    /// A value from its text form and its column's type (OIDs of `pg_type`).
    static func value(_ text: String, type: Oid) -> SQLValue {
        switch type {
        case 20, 21, 23, 26: // int8, int2, int4, oid
            return Int64(text).map(SQLValue.integer) ?? .text(text)
        case 16: // bool
            return .integer(text == "t" ? 1 : 0)
        case 700, 701: // float4, float8
            return .real(Double(text) ?? .nan)
        case 1700: // numeric: an integer when it has no fraction (sum of integers)
            if let i = Int64(text) { return .integer(i) }
            return .real(Double(text) ?? .nan)
        default:
            return .text(text)
        }
    }
}

extension PostgresConnection {
    /// Runs `body` in a transaction whose statements the server stops after `seconds`
    /// (SQLSTATE 57014), read-only when asked; rolled back when it ends, as it wrote nothing.
    /// - Returns: the body's result and whether the deadline stopped it.
    func withTimeLimit<T>(_ seconds: Double, readOnly: Bool, settings: [(String, String)], _ body: () throws -> T) throws -> (T?, Bool) {
        guard isIdle else { return (try body(), false) }
        try execute(readOnly ? "BEGIN READ ONLY" : "BEGIN")
        defer { try? execute("ROLLBACK") }
        try execute("SET LOCAL statement_timeout = \(max(1, Int(seconds * 1000)))")
        for (name, value) in settings { _ = try rows("SELECT set_config($1, $2, true)", [.text(name), .text(value)]) }
        lastErrorState = nil
        do {
            return (try body(), false)
        } catch {
            // The body may have turned the store's error into one of its own.
            if lastErrorState == "57014" { return (nil, true) }
            throw error
        }
    }
}
