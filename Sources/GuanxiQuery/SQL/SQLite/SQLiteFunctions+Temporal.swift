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
                if kindName == "duration" {
                    guard count == 2, let v = values[1], sqlite3_value_type(v) == SQLITE_TEXT, let text = sqlite3_value_text(v).map({ String(cString: $0) }) else {
                        return count == 2 && values[1].map(sqlite3_value_type) == SQLITE_NULL ? sqlite3_result_null(context) : sqlite3_result_error(context, "duration() takes a map or an ISO string", -1)
                    }
                    let map = text.data(using: .utf8).flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] }
                    let duration = try map.map { try DurationValue(fields: $0) } ?? DurationValue(iso: TemporalValue.display(ofEncoded: text) ?? text)
                    return sqlite3_result_text(context, duration.encoded, -1, SQLITE_TRANSIENT)
                }
                guard let kind = TemporalValue.Kind(functionName: kindName) else { return sqlite3_result_null(context) }
                let value: TemporalValue
                if count == 1 {
                    let now = Date().timeIntervalSince1970
                    let days = floor(now / 86_400), seconds = now - days * 86_400
                    var fields: [String: Any] = ["hour": Int(seconds / 3600), "minute": Int(seconds / 60) % 60, "second": Int(seconds) % 60,
                                                 "nanosecond": Int((seconds - floor(seconds)) * 1e9)]
                    (fields["year"], fields["month"], fields["day"]) = TemporalValue.civil(fromEpochDay: Int64(days))
                    if !kind.hasDate { ["year", "month", "day"].forEach { fields[$0] = nil } }
                    if !kind.hasTime { ["hour", "minute", "second", "nanosecond"].forEach { fields[$0] = nil } }
                    value = try TemporalValue(kind: kind, fields: fields)
                } else {
                    guard let v = values[1], sqlite3_value_type(v) != SQLITE_NULL else { return sqlite3_result_null(context) }
                    let text = sqlite3_value_text(v).map { String(cString: $0) } ?? ""
                    if sqlite3_value_type(v) == SQLITE_TEXT, let data = text.data(using: .utf8),
                       let map = try? JSONSerialization.jsonObject(with: data) as? [String: Any] {
                        value = try TemporalValue(kind: kind, fields: map)
                    } else if sqlite3_value_type(v) == SQLITE_TEXT {
                        value = try TemporalValue(kind: kind, iso: TemporalValue.display(ofEncoded: text) ?? text)
                    } else {
                        return sqlite3_result_error(context, "\(kindName)() takes a map or a string", -1)
                    }
                }
                sqlite3_result_text(context, value.encoded, -1, SQLITE_TRANSIENT)
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
