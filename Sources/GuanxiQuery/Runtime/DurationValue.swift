import GuanxiStore
import Foundation

/// Cypher's duration: months, days, seconds and nanoseconds kept apart (a month is not
/// a fixed number of days). It travels as `TemporalValue` does, with kind letter `P`
/// and its ISO form (`P1M2DT6M`); it adds to and subtracts from dates and times.
public struct DurationValue: Sendable, Equatable {
    public var months: Int64 = 0, days: Int64 = 0, seconds: Int64 = 0, nanoseconds: Int64 = 0

    static let kindLetter: Character = "P"

    /// A duration from the fields of a Cypher map (`{months: 1, days: 2}`).
    public init(fields: [String: Any]) throws {
        let factors: [String: (months: Int64, days: Int64, nanos: Int64)] = [
            "years": (12, 0, 0), "months": (1, 0, 0), "weeks": (0, 7, 0), "days": (0, 1, 0),
            "hours": (0, 0, 3_600_000_000_000), "minutes": (0, 0, 60_000_000_000), "seconds": (0, 0, 1_000_000_000),
            "milliseconds": (0, 0, 1_000_000), "microseconds": (0, 0, 1_000), "nanoseconds": (0, 0, 1),
        ]
        // Each part stays within ±10^8 years or its seconds, so nothing overflows.
        var nanos: Int64 = 0
        let tooLarge = TemporalValue.Invalid(message: "duration(): too large")
        for (key, value) in fields {
            guard let f = factors[key] else { throw TemporalValue.Invalid(message: "duration(): unknown field ‘\(key)’") }
            guard let n = value as? NSNumber, !n.isJSONBoolean, n.doubleValue == n.doubleValue.rounded(), abs(n.doubleValue) < 1e12 else {
                throw TemporalValue.Invalid(message: "duration(): \(key) must be an integer of at most 12 digits")
            }
            let count = n.int64Value
            months += f.months * count
            days += f.days * count
            // Whole seconds and their fraction apart: hours of 10^12 would overflow as nanoseconds.
            seconds += f.nanos >= 1_000_000_000 ? f.nanos / 1_000_000_000 * count : 0
            if f.nanos < 1_000_000_000 { nanos += f.nanos * count }
            guard abs(months) < 1_200_000_000, abs(days) < 40_000_000_000, abs(seconds) < 4_000_000_000_000_000 else { throw tooLarge }
        }
        seconds += nanos / 1_000_000_000
        nanoseconds = nanos % 1_000_000_000
    }

    /// A duration from its ISO text: `P1Y2M3W4DT5H6M7.5S`.
    public init(iso text: String) throws {
        let bad = TemporalValue.Invalid(message: "duration(): cannot read ‘\(text)’ as an ISO 8601 duration")
        var rest = Substring(text.trimmingCharacters(in: .whitespaces).uppercased())
        guard rest.first == "P", rest.count > 1 else { throw bad }
        rest = rest.dropFirst()
        var fields: [String: Any] = [:]
        var inTime = false, number = ""
        for c in rest {
            if c == "T" { inTime = true; continue }
            if c.isNumber || c == "." || c == "-" { number.append(c); continue }
            guard let value = Double(number) else { throw bad }
            number = ""
            switch (c, inTime) {
            case ("Y", false): fields["years"] = value
            case ("M", false): fields["months"] = value
            case ("W", false): fields["weeks"] = value
            case ("D", false): fields["days"] = value
            case ("H", true): fields["hours"] = value
            case ("M", true): fields["minutes"] = value
            case ("S", true):
                fields["seconds"] = value.rounded(.towardZero)
                fields["nanoseconds"] = ((value - value.rounded(.towardZero)) * 1e9).rounded()
            default: throw bad
            }
        }
        guard number.isEmpty else { throw bad }
        try self.init(fields: fields.mapValues { NSNumber(value: $0 as? Double ?? 0) })
    }

    /// The ISO form, as Cypher prints it: `P1Y2M`, `PT6M`, `PT0S` for nothing.
    public var display: String {
        var out = "P"
        if months / 12 != 0 { out += "\(months / 12)Y" }
        if months % 12 != 0 { out += "\(months % 12)M" }
        if days != 0 { out += "\(days)D" }
        let h = seconds / 3600, m = seconds / 60 % 60, s = seconds % 60
        if h != 0 || m != 0 || s != 0 || nanoseconds != 0 {
            out += "T"
            if h != 0 { out += "\(h)H" }
            if m != 0 { out += "\(m)M" }
            if s != 0 || nanoseconds != 0 {
                if nanoseconds == 0 {
                    out += "\(s)S"
                } else {
                    let sign = s < 0 || nanoseconds < 0 ? "-" : ""
                    var fraction = String(format: "%09lld", abs(nanoseconds))
                    while fraction.hasSuffix("0") { fraction.removeLast() }
                    out += "\(sign)\(abs(s)).\(fraction)S"
                }
            }
        }
        return out == "P" ? "PT0S" : out
    }

    /// The form that travels through SQL and JSON.
    public var encoded: String {
        String(TemporalValue.marker) + String(Self.kindLetter) + String(format: "%020lld%020lld", months, days) + String(TemporalValue.separator) + display
    }

    /// The duration of encoded text; nil for any other text.
    public static func decode(_ text: String) -> DurationValue? {
        guard text.count > 2, text.first == TemporalValue.marker, text.dropFirst().first == kindLetter,
              let display = TemporalValue.display(ofEncoded: text) else { return nil }
        return try? DurationValue(iso: display)
    }

    /// The duration with every part negated.
    public var negated: DurationValue {
        var d = self
        (d.months, d.days, d.seconds, d.nanoseconds) = (-months, -days, -seconds, -nanoseconds)
        return d
    }

    public static func + (a: DurationValue, b: DurationValue) -> DurationValue {
        var d = a
        d.months += b.months
        d.days += b.days
        let nanos = a.nanoseconds + b.nanoseconds
        (d.seconds, d.nanoseconds) = (a.seconds + b.seconds + nanos / 1_000_000_000, nanos % 1_000_000_000)
        return d
    }
}

extension TemporalValue {
    /// The value moved by a duration: months first (the day kept, or the month's last),
    /// then days, then time, which a date ignores and a time of day wraps.
    public func adding(_ d: DurationValue) throws -> TemporalValue {
        var v = self
        if kind.hasDate {
            let totalMonths = Int64(year) * 12 + Int64(month - 1) + d.months
            v.year = Int(totalMonths / 12)
            v.month = Int(totalMonths % 12) + 1
            v.day = min(day, Self.daysIn(v.month, v.year))
        }
        let nanosPerDay: Int64 = 86_400_000_000_000
        var dayShift = kind.hasDate ? d.days : 0
        if kind.hasTime {
            // Whole days of the seconds apart, so no nanosecond count overflows.
            let total = nanoOfDay + d.seconds % 86_400 * 1_000_000_000 + d.nanoseconds
            var wrapped = total % nanosPerDay
            if wrapped < 0 { wrapped += nanosPerDay }
            v.nanoOfDay = wrapped
            if kind.hasDate { dayShift += d.seconds / 86_400 + (total - wrapped) / nanosPerDay }
        }
        if dayShift != 0 {
            let shifted = v.epochDay + dayShift
            (v.year, v.month, v.day) = Self.civil(fromEpochDay: shifted)
        }
        try v.validate()
        return v
    }

    /// Year, month and day of a day count since 1970-01-01.
    static func civil(fromEpochDay days: Int64) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (Int(yoe + era * 400 + (m <= 2 ? 1 : 0)), Int(m), Int(d))
    }

    /// The temporal value of encoded text; nil for any other text (durations included).
    public static func decode(_ text: String) -> TemporalValue? {
        guard text.count > 2, text.first == marker, let kind = Kind(rawValue: String(text[text.index(after: text.startIndex)])),
              let display = display(ofEncoded: text) else { return nil }
        return try? TemporalValue(kind: kind, iso: display)
    }
}
