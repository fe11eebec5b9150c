import CSQLite
import Foundation
import GuanxiStore

extension Database {
    /// Registers `regexp_full(pattern, text)`: 1 when `text` matches all of `pattern`
    /// (ICU syntax, as Foundation's NSRegularExpression), NULL when either is NULL;
    /// `gx_pow(a, b)`; `gx_count(n)`, n itself when it is a non-negative integer, else
    /// an error (SKIP and LIMIT); `gx_path(start, steps, …)`, a path as the JSON array
    /// `[node, rel, node, …]` from its start node and `,rel,node,` step texts; and the
    /// functions registered below.
    /// The corresponding C function is `sqlite3_create_function_v2`.
    public func registerFunctions() throws {
        let regexp: @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void = { context, count, values in
            guard let values, count == 2, let p = values[0], let t = values[1],
                  sqlite3_value_type(p) != SQLITE_NULL, sqlite3_value_type(t) != SQLITE_NULL,
                  let pc = sqlite3_value_text(p), let tc = sqlite3_value_text(t)
            else { return sqlite3_result_null(context) }
            let text = String(cString: tc)
            // A constant pattern is compiled once per statement, kept as SQLite's
            // auxiliary data of the argument, not once per row.
            let regex: NSRegularExpression
            if let kept = sqlite3_get_auxdata(context, 0) {
                regex = Unmanaged<NSRegularExpression>.fromOpaque(kept).takeUnretainedValue()
            } else {
                let pattern = String(cString: pc)
                guard let compiled = try? NSRegularExpression(pattern: "^(?:" + pattern + ")$", options: [.dotMatchesLineSeparators]) else {
                    return sqlite3_result_error(context, "invalid regular expression: \(pattern)", -1)
                }
                regex = compiled
                sqlite3_set_auxdata(context, 0, Unmanaged.passRetained(compiled).toOpaque()) { kept in
                    if let kept { Unmanaged<NSRegularExpression>.fromOpaque(kept).release() }
                }
            }
            let range = NSRange(text.startIndex..<text.endIndex, in: text)
            sqlite3_result_int(context, regex.firstMatch(in: text, range: range) == nil ? 0 : 1)
        }
        let code = sqlite3_create_function_v2(handle, "regexp_full", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nil, regexp, nil, nil, nil)
        guard code == SQLITE_OK else { throw error(code, sql: nil) }
        let power: @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void = { context, count, values in
            guard let values, count == 2, let a = values[0], let b = values[1],
                  sqlite3_value_type(a) != SQLITE_NULL, sqlite3_value_type(b) != SQLITE_NULL
            else { return sqlite3_result_null(context) }
            let x = NaNEncoding.decode(a) ?? sqlite3_value_double(a), y = NaNEncoding.decode(b) ?? sqlite3_value_double(b)
            NaNEncoding.result(context, pow(x, y))
        }
        let code2 = sqlite3_create_function_v2(handle, "gx_pow", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nil, power, nil, nil, nil)
        guard code2 == SQLITE_OK else { throw error(code2, sql: nil) }
        let count: @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void = { context, count, values in
            guard let values, count == 1, let v = values[0], sqlite3_value_type(v) == SQLITE_INTEGER, sqlite3_value_int64(v) >= 0 else {
                let shown = values.flatMap { $0[0] }.flatMap { sqlite3_value_text($0) }.map { String(cString: $0) } ?? "null"
                return sqlite3_result_error(context, "SKIP and LIMIT take a non-negative integer, not \(shown)", -1)
            }
            sqlite3_result_int64(context, sqlite3_value_int64(v))
        }
        let code3 = sqlite3_create_function_v2(handle, "gx_count", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nil, count, nil, nil, nil)
        guard code3 == SQLITE_OK else { throw error(code3, sql: nil) }
        let path: @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void = { context, count, values in
            guard let values, count >= 1, let start = values[0], sqlite3_value_type(start) == SQLITE_INTEGER else { return sqlite3_result_null(context) }
            var json = "[" + String(sqlite3_value_int64(start))
            for i in 1..<Int(count) {
                guard let v = values[i], let text = sqlite3_value_text(v) else { return sqlite3_result_null(context) }
                for id in String(cString: text).split(separator: ",") { json += "," + id }
            }
            sqlite3_result_text(context, json + "]", -1, SQLITE_TRANSIENT)
        }
        let code4 = sqlite3_create_function_v2(handle, "gx_path", -1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nil, path, nil, nil, nil)
        guard code4 == SQLITE_OK else { throw error(code4, sql: nil) }
        try registerValueOrder()
        try registerExtremes()
        try registerArithmetic()
        try registerStatistics()
        try registerTemporal()
    }

    /// `gx_eq(a, aKind, b, bKind)` and `gx_cmp(a, aKind, b, bKind, op)`: Cypher's `=` and
    /// `<`, `<=`, `>`, `>=` (1, 0 or NULL) for lists and maps held as JSON text, booleans
    /// held as 0 and 1, values that may be NaN, and values whose kind only the data
    /// knows (kinds as `orderValue` reads them); `gx_in(a, aKind, list, elementKind)`,
    /// Cypher's `IN` by that equality (`elementKind` names the entities a list of bare
    /// ids holds); and
    /// the collation `GX_ORDER`, Cypher's ORDER BY order for such text.
    func registerValueOrder() throws {
        let equal: @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void = { context, count, values in
            guard let values, count == 4, let a = orderValue(values[0], values[1]), let b = orderValue(values[2], values[3]),
                  let e = CypherValueOrder.equals(a, b)
            else { return sqlite3_result_null(context) }
            sqlite3_result_int(context, e ? 1 : 0)
        }
        let compare: @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void = { context, count, values in
            guard let values, count == 5, let a = orderValue(values[0], values[1]), let b = orderValue(values[2], values[3]),
                  let op = values[4].flatMap(sqlite3_value_text).map({ String(cString: $0) }),
                  let holds = CypherValueOrder.holds(op, a, b)
            else { return sqlite3_result_null(context) }
            sqlite3_result_int(context, holds ? 1 : 0)
        }
        let member: @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void = { context, count, values in
            guard let values, count == 4, let list = values[2], sqlite3_value_type(list) != SQLITE_NULL,
                  let text = sqlite3_value_text(list).map({ String(cString: $0) }),
                  case .list(var items) = CypherValueOrder.Value(json: text) else { return sqlite3_result_null(context) }
            // A list of one kind of entity holds bare ids.
            switch values[3].flatMap(sqlite3_value_text).map({ String(cString: $0) }) {
            case "node": items = items.map { if case .integer(let i) = $0 { return .entity(.node(i)) } else { return $0 } }
            case "relationship": items = items.map { if case .integer(let i) = $0 { return .entity(.relationship(i)) } else { return $0 } }
            case "path":
                items = items.map { item in
                    guard case .list(let ids) = item else { return item }
                    return .entity(.path(ids.compactMap { if case .integer(let i) = $0 { return i } else { return nil } }))
                }
            default: break
            }
            guard let a = orderValue(values[0], values[1]) else { return items.isEmpty ? sqlite3_result_int(context, 0) : sqlite3_result_null(context) }
            var unknown = false
            for item in items {
                switch CypherValueOrder.equals(a, item) {
                case true?: return sqlite3_result_int(context, 1)
                case nil: unknown = true
                default: continue
                }
            }
            unknown ? sqlite3_result_null(context) : sqlite3_result_int(context, 0)
        }
        for (name, arity, f) in [("gx_eq", Int32(4), equal), ("gx_cmp", Int32(5), compare), ("gx_in", Int32(4), member)] {
            let code = sqlite3_create_function_v2(handle, name, arity, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nil, f, nil, nil, nil)
            guard code == SQLITE_OK else { throw error(code, sql: nil) }
        }
        let collation: @convention(c) (UnsafeMutableRawPointer?, Int32, UnsafeRawPointer?, Int32, UnsafeRawPointer?) -> Int32 = { _, n1, p1, n2, p2 in
            func text(_ p: UnsafeRawPointer?, _ n: Int32) -> String {
                guard let p else { return "" }
                return String(decoding: UnsafeRawBufferPointer(start: p, count: Int(n)), as: UTF8.self)
            }
            return Int32(CypherValueOrder.order(.init(json: text(p1, n1)), .init(json: text(p2, n2))))
        }
        let code = sqlite3_create_collation_v2(handle, "GX_ORDER", SQLITE_UTF8, nil, collation, nil)
        guard code == SQLITE_OK else { throw error(code, sql: nil) }
    }
}

/// An SQL argument as a Cypher value, given what it is: 1 (or `json`, `list`, `map`)
/// for JSON text, `boolean` for 0 and 1 that are booleans, `node`, `relationship` and
/// `path` for entities held by id, NULL or anything else to go by the SQL type (tagged
/// text as what it stands for). Nil for NULL.
func orderValue(_ value: OpaquePointer?, _ kind: OpaquePointer?) -> CypherValueOrder.Value? {
    guard let value else { return nil }
    var name: String?
    if let kind {
        switch sqlite3_value_type(kind) {
        case SQLITE_INTEGER: name = sqlite3_value_int(kind) == 1 ? "json" : nil
        case SQLITE_TEXT: name = sqlite3_value_text(kind).map { String(cString: $0) }
        default: name = nil
        }
    }
    switch sqlite3_value_type(value) {
    case SQLITE_NULL: return nil
    case SQLITE_INTEGER where name == "node": return .entity(.node(sqlite3_value_int64(value)))
    case SQLITE_INTEGER where name == "relationship": return .entity(.relationship(sqlite3_value_int64(value)))
    case SQLITE_INTEGER, SQLITE_FLOAT:
        if name == "boolean" { return .boolean(sqlite3_value_int64(value) != 0) }
        return sqlite3_value_type(value) == SQLITE_INTEGER ? .integer(sqlite3_value_int64(value)) : .number(sqlite3_value_double(value))
    case SQLITE_BLOB: return NaNEncoding.decode(value).map { .number($0) }
    default:
        guard let c = sqlite3_value_text(value) else { return nil }
        let text = String(cString: c)
        if name == "path" {
            return .entity(.path(text.dropFirst().dropLast().split(separator: ",").compactMap { Int64($0.trimmingCharacters(in: .whitespaces)) }))
        }
        return name == "json" || name == "list" || name == "map" ? CypherValueOrder.Value(json: text) : CypherValueOrder.Value(text: text)
    }
}
