import Foundation

/// Cypher's `date()`, `localtime()`, `time()`, `localdatetime()`, `datetime()` and
/// `duration()`, for both backends: SQLite calls it per row (`gx_temporal`); PostgreSQL
/// has it evaluated once, when compiling, for constant arguments.
public enum TemporalConstructor {
    /// The encoded text (`TemporalValue.encoded`, `DurationValue.encoded`) of `name`
    /// applied to `argument`: a map of fields, an ISO string, or nothing (now, in UTC;
    /// not for `duration`). Nil for a null argument.
    /// - Throws: `TemporalValue.Invalid` (or the duration's error) for fields or text
    ///   that make no such value.
    public static func encoded(_ name: String, argument: Any?, now: Date = Date()) throws -> String? {
        if argument is NSNull { return nil }
        if name == "duration" {
            if let map = argument as? [String: Any] { return try DurationValue(fields: map).encoded }
            guard let text = argument as? String else { throw TemporalValue.Invalid(message: "duration() takes a map or an ISO string") }
            return try DurationValue(iso: TemporalValue.display(ofEncoded: text) ?? text).encoded
        }
        guard let kind = TemporalValue.Kind(functionName: name) else { return nil }
        switch argument {
        case nil:
            let seconds = now.timeIntervalSince1970
            let days = floor(seconds / 86_400), rest = seconds - days * 86_400
            var fields: [String: Any] = ["hour": Int(rest / 3600), "minute": Int(rest / 60) % 60, "second": Int(rest) % 60,
                                         "nanosecond": Int((rest - floor(rest)) * 1e9)]
            (fields["year"], fields["month"], fields["day"]) = TemporalValue.civil(fromEpochDay: Int64(days))
            if !kind.hasDate { ["year", "month", "day"].forEach { fields[$0] = nil } }
            if !kind.hasTime { ["hour", "minute", "second", "nanosecond"].forEach { fields[$0] = nil } }
            return try TemporalValue(kind: kind, fields: fields).encoded
        case let map as [String: Any]:
            return try TemporalValue(kind: kind, fields: map).encoded
        case let text as String:
            return try TemporalValue(kind: kind, iso: TemporalValue.display(ofEncoded: text) ?? text).encoded
        default:
            throw TemporalValue.Invalid(message: "\(name)() takes a map or a string")
        }
    }
}
