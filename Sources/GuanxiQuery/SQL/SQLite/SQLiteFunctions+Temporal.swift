import GuanxiStore
import CSQLite
import Foundation

extension Database {
    /// Registers `gx_temporal(kind, argument)`, Cypher's `date()`, `localtime()`,
    /// `time()`, `localdatetime()` and `datetime()` from a map (as JSON text) or an ISO
    /// string (without an argument: now, in UTC), giving the encoded text of
    /// `TemporalValue`; and `gx_temporal_field(value, name)`, a field such as `year`.
    /// The corresponding C function is `sqlite3_create_function_v2`.
    func registerTemporal() throws {
        let make: @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void = { context, count, values in
            guard let values, count >= 1, let kindName = values[0].flatMap(sqlite3_value_text).map({ String(cString: $0) }) else {
                return sqlite3_result_null(context)
            }
            do {
                let argument: Any?
                if count == 1 {
                    argument = nil
                } else {
                    guard let v = values[1], sqlite3_value_type(v) != SQLITE_NULL else { return sqlite3_result_null(context) }
                    guard sqlite3_value_type(v) == SQLITE_TEXT, let text = sqlite3_value_text(v).map({ String(cString: $0) }) else {
                        return sqlite3_result_error(context, kindName == "duration" ? "duration() takes a map or an ISO string" : "\(kindName)() takes a map or a string", -1)
                    }
                    // A map travels as JSON text; anything else is an ISO string.
                    argument = text.data(using: .utf8).flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] } ?? text
                }
                guard let encoded = try TemporalConstructor.encoded(kindName, argument: argument) else { return sqlite3_result_null(context) }
                sqlite3_result_text(context, encoded, -1, SQLITE_TRANSIENT)
            } catch let e as TemporalValue.Invalid {
                sqlite3_result_error(context, e.message, -1)
            } catch {
                sqlite3_result_error(context, "\(error)", -1)
            }
        }
        let field: @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void = { context, count, values in
            guard let values, count == 2, let v = values[0], let text = sqlite3_value_text(v).map({ String(cString: $0) }),
                  let name = values[1].flatMap(sqlite3_value_text).map({ String(cString: $0) }),
                  let result = TemporalValue.field(name, ofEncoded: text) else { return sqlite3_result_null(context) }
            if let i = result as? Int { return sqlite3_result_int64(context, Int64(i)) }
            sqlite3_result_text(context, "\(result)", -1, SQLITE_TRANSIENT)
        }
        for (name, arity, f) in [("gx_temporal", Int32(-1), make), ("gx_temporal_field", Int32(2), field)] {
            let code = sqlite3_create_function_v2(handle, name, arity, SQLITE_UTF8, nil, f, nil, nil, nil)
            guard code == SQLITE_OK else { throw error(code, sql: nil) }
        }
    }
}
