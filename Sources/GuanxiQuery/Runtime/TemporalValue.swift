import GuanxiStore
import Foundation

/// Cypher's temporal values (date, localtime, time, localdatetime, datetime with a UTC
/// offset). In SQL and in JSON lists they travel as text: a private-use marker, the
/// kind, a key that sorts chronologically (times with offsets by their instant), a
/// second marker, then the ISO form users see (`1984-10-11T12:31:14.645876123+01:00`).
/// So ORDER BY, `<` and DISTINCT work on the text as they are, within one kind.
public struct TemporalValue: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case date = "D", localTime = "L", time = "T", localDateTime = "M", dateTime = "Z"

        /// The Cypher function that makes this kind.
        public var functionName: String {
            switch self {
            case .date: return "date"
            case .localTime: return "localtime"
            case .time: return "time"
            case .localDateTime: return "localdatetime"
            case .dateTime: return "datetime"
            }
        }

        init?(functionName: String) {
            switch functionName.lowercased() {
            case "date": self = .date
            case "localtime": self = .localTime
            case "time": self = .time
            case "localdatetime": self = .localDateTime
            case "datetime": self = .dateTime
            default: return nil
            }
        }

        var hasDate: Bool { self == .date || self == .localDateTime || self == .dateTime }
        var hasTime: Bool { self != .date }
        var hasOffset: Bool { self == .time || self == .dateTime }
    }

    /// A temporal value that cannot be made, with the reason.
    public struct Invalid: Error, Sendable { public var message: String }

    public static let marker: Character = "\u{E000}"
    public static let separator: Character = "\u{E001}"

    public var kind: Kind
    public var year = 1970, month = 1, day = 1
    /// Nanoseconds since midnight.
    public var nanoOfDay: Int64 = 0
    /// Seconds east of UTC, for time and datetime.
    public var offsetSeconds = 0

    /// A value from the fields of a Cypher map (`{year: 1984, month: 10, day: 11, hour: 12,
    /// timezone: '+01:00'}`); missing fields take their smallest value.
    public init(kind: Kind, fields: [String: Any]) throws {
        self.kind = kind
        func int(_ key: String, _ fallback: Int) throws -> Int {
            guard let v = fields[key] else { return fallback }
            guard let n = v as? NSNumber, !n.isJSONBoolean, n.doubleValue == n.doubleValue.rounded() else {
                throw Invalid(message: "\(kind.functionName)(): \(key) must be an integer")
            }
            return n.intValue
        }
        let known: Set<String> = ["year", "month", "day", "hour", "minute", "second", "millisecond", "microsecond", "nanosecond", "timezone"]
        if let unknown = fields.keys.first(where: { !known.contains($0) }) {
            throw Invalid(message: "\(kind.functionName)(): unknown field ‘\(unknown)’ (week, ordinal and quarter dates are not supported)")
        }
        if kind.hasDate {
            guard fields["year"] != nil else { throw Invalid(message: "\(kind.functionName)(): year is required") }
            year = try int("year", 1970)
            month = try int("month", 1)
            day = try int("day", 1)
        }
        if kind.hasTime {
            let hour = try int("hour", 0), minute = try int("minute", 0), second = try int("second", 0)
            let fraction = Int64(try int("millisecond", 0)) * 1_000_000 + Int64(try int("microsecond", 0)) * 1_000 + Int64(try int("nanosecond", 0))
            guard (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second), (0..<1_000_000_000).contains(fraction) else {
                throw Invalid(message: "\(kind.functionName)(): hour, minute, second or fraction out of range")
            }
            nanoOfDay = (Int64(hour) * 3600 + Int64(minute) * 60 + Int64(second)) * 1_000_000_000 + fraction
        }
        if kind.hasOffset, let zone = fields["timezone"] {
            guard let text = zone as? String, let seconds = Self.offset(text) else {
                throw Invalid(message: "\(kind.functionName)(): timezone must be an offset such as '+01:00' or 'Z' (named zones are not supported)")
            }
            offsetSeconds = seconds
        }
        try validate()
    }

    /// A value from its ISO text: `2024-05-01`, `12:30`, `12:30:14.5+08:00`,
    /// `2024-05-01T08:00Z`.
    public init(kind: Kind, iso text: String) throws {
        self.kind = kind
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        let bad = Invalid(message: "\(kind.functionName)(): cannot read ‘\(text)’ as ISO 8601")
        if kind.hasDate {
            let datePart = kind == .date ? rest : rest.prefix { $0 != "T" }
            let parts = datePart.split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { throw bad }
            (year, month, day) = (y, m, d)
            rest = rest.dropFirst(datePart.count)
            if kind != .date {
                guard rest.first == "T" else { throw bad }
                rest = rest.dropFirst()
            }
        }
        if kind.hasTime {
            var zone = ""
            if let i = rest.firstIndex(where: { $0 == "Z" || $0 == "+" || $0 == "-" }) {
                zone = String(rest[i...])
                rest = rest[..<i]
            }
            let pieces = rest.split(separator: ":", omittingEmptySubsequences: false)
            guard pieces.count >= 2, pieces.count <= 3, let h = Int(pieces[0]), let mi = Int(pieces[1]) else { throw bad }
            var seconds = 0, fraction: Int64 = 0
            if pieces.count == 3 {
                let s = pieces[2].split(separator: ".", maxSplits: 1)
                guard let whole = s.first.flatMap({ Int($0) }) else { throw bad }
                seconds = whole
                if s.count == 2 {
                    let digits = String(s[1].prefix(9))
                    guard let f = Int64(digits), digits.allSatisfy(\.isNumber) else { throw bad }
                    fraction = f * Int64(pow(10.0, Double(9 - digits.count)))
                }
            }
            guard (0...23).contains(h), (0...59).contains(mi), (0...59).contains(seconds) else { throw bad }
            nanoOfDay = (Int64(h) * 3600 + Int64(mi) * 60 + Int64(seconds)) * 1_000_000_000 + fraction
            if !zone.isEmpty {
                guard kind.hasOffset, let o = Self.offset(zone) else { throw bad }
                offsetSeconds = o
            }
        } else if !rest.isEmpty {
            throw bad
        }
        try validate()
    }

    func validate() throws {
        guard kind.hasDate else { return }
        guard (1...9999).contains(year), (1...12).contains(month), (1...Self.daysIn(month, year)).contains(day) else {
            throw Invalid(message: "\(kind.functionName)(): no such date \(year)-\(month)-\(day) (years 1 to 9999)")
        }
    }

    static func daysIn(_ month: Int, _ year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// `+01:00`, `-0800`, `+08`, `Z` as seconds east of UTC.
    static func offset(_ text: String) -> Int? {
        if text == "Z" { return 0 }
        guard let sign = text.first, sign == "+" || sign == "-" else { return nil }
        let digits = text.dropFirst().filter { $0 != ":" }
        guard digits.count == 2 || digits.count == 4 || digits.count == 6, digits.allSatisfy(\.isNumber) else { return nil }
        let n = digits.map { Int(String($0)) ?? 0 }
        let seconds = (n[0] * 10 + n[1]) * 3600 + (n.count > 2 ? (n[2] * 10 + n[3]) * 60 : 0) + (n.count > 4 ? n[4] * 10 + n[5] : 0)
        guard seconds <= 18 * 3600 else { return nil }
        return sign == "-" ? -seconds : seconds
    }

    /// Days since 1970-01-01 (proleptic Gregorian).
    var epochDay: Int64 {
        let y = Int64(month <= 2 ? year - 1 : year), m = Int64(month), d = Int64(day)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The ISO form, as Cypher prints it: seconds and fractions only when present.
    public var display: String {
        var out = ""
        if kind.hasDate { out += String(format: "%04d-%02d-%02d", year, month, day) }
        if kind.hasTime {
            if kind.hasDate { out += "T" }
            let seconds = nanoOfDay / 1_000_000_000, fraction = nanoOfDay % 1_000_000_000
            out += String(format: "%02d:%02d", seconds / 3600, seconds / 60 % 60)
            if seconds % 60 != 0 || fraction != 0 { out += String(format: ":%02d", seconds % 60) }
            if fraction != 0 {
                let digits = String(format: "%09lld", fraction)
                out += "." + (fraction % 1_000_000 == 0 ? String(digits.prefix(3)) : fraction % 1_000 == 0 ? String(digits.prefix(6)) : digits)
            }
        }
        if kind.hasOffset {
            if offsetSeconds == 0 {
                out += "Z"
            } else {
                let a = abs(offsetSeconds)
                out += (offsetSeconds < 0 ? "-" : "+") + String(format: "%02d:%02d", a / 3600, a / 60 % 60) + (a % 60 != 0 ? String(format: ":%02d", a % 60) : "")
            }
        }
        return out
    }

    /// Text that sorts as the values do in time, within one kind.
    var sortKey: String {
        let day = epochDay + 1_000_000_000
        switch kind {
        case .date: return String(format: "%010lld", day)
        case .localTime: return String(format: "%014lld", nanoOfDay)
        case .time: return String(format: "%015lld%014lld", nanoOfDay - Int64(offsetSeconds) * 1_000_000_000 + 2 * 86_400_000_000_000, nanoOfDay)
        case .localDateTime: return String(format: "%010lld%014lld", day, nanoOfDay)
        case .dateTime:
            let instant = epochDay * 86_400 + nanoOfDay / 1_000_000_000 - Int64(offsetSeconds) + 1_000_000_000_000
            return String(format: "%015lld%09lld", instant, nanoOfDay % 1_000_000_000)
        }
    }

    /// The form that travels through SQL and JSON.
    public var encoded: String { String(Self.marker) + kind.rawValue + sortKey + String(Self.separator) + display }

    /// The ISO form of encoded text; nil for any other text.
    public static func display(ofEncoded text: String) -> String? {
        guard text.first == marker, let i = text.firstIndex(of: separator) else { return nil }
        return String(text[text.index(after: i)...])
    }

    /// A field of an encoded value (`year`, `hour`, `timezone`, …); nil when it has none.
    public static func field(_ name: String, ofEncoded text: String) -> Any? {
        guard let value = decode(text) else { return nil }
        let kind = value.kind
        let seconds = value.nanoOfDay / 1_000_000_000
        switch name {
        case "year" where kind.hasDate: return value.year
        case "month" where kind.hasDate: return value.month
        case "day" where kind.hasDate: return value.day
        case "hour" where kind.hasTime: return Int(seconds / 3600)
        case "minute" where kind.hasTime: return Int(seconds / 60 % 60)
        case "second" where kind.hasTime: return Int(seconds % 60)
        case "millisecond" where kind.hasTime: return Int(value.nanoOfDay % 1_000_000_000 / 1_000_000)
        case "microsecond" where kind.hasTime: return Int(value.nanoOfDay % 1_000_000_000 / 1_000)
        case "nanosecond" where kind.hasTime: return Int(value.nanoOfDay % 1_000_000_000)
        case "timezone", "offset":
            guard kind.hasOffset else { return nil }
            let display = value.display
            return value.offsetSeconds == 0 ? "Z" : String(display.suffix(6))
        default: return nil
        }
    }
}
