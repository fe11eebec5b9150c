/// A calendar date as precise as a text gives it: a day, a month, a year, or a
/// month and day with no year (`--06-21`), written in ISO 8601.
///
/// Mixed precision is compared by the days a date covers: `2021` covers
/// 2021-01-01…2021-12-31, `2021-06` covers June. A date without a year covers no
/// known days and is never placed before or after another.
public struct PartialDate: Sendable, Hashable, CustomStringConvertible {
    /// The year, when stated.
    public let year: Int?
    /// The month (1–12), when stated.
    public let month: Int?
    /// The day (1–31), when stated.
    public let day: Int?

    /// A date; nil when the parts are out of range or a day comes without a month.
    public init?(year: Int?, month: Int?, day: Int?) {
        if let year, !(1800...2200).contains(year) { return nil }
        if let month, !(1...12).contains(month) { return nil }
        if let day {
            guard let month, (1...PartialDate.days(in: month, of: year ?? 2000)).contains(day) else { return nil }
        }
        if year == nil && (month == nil || day == nil) { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses the ISO 8601 forms `YYYY-MM-DD`, `YYYY-MM`, `YYYY` and `--MM-DD`.
    public init?(iso: String) {
        let parts = iso.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        if iso.hasPrefix("--") {
            guard parts.count == 4, let m = Int(parts[2]), let d = Int(parts[3]) else { return nil }
            self.init(year: nil, month: m, day: d)
        } else {
            guard (1...3).contains(parts.count), parts[0].count == 4, let y = Int(parts[0]) else { return nil }
            let m = parts.count > 1 ? Int(parts[1]) : nil
            let d = parts.count > 2 ? Int(parts[2]) : nil
            if parts.count > 1 && m == nil || parts.count > 2 && d == nil { return nil }
            self.init(year: y, month: m, day: d)
        }
    }

    static func days(in month: Int, of year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    /// ISO 8601: `2021-02-05`, `2021-02`, `2021`, or `--06-21`.
    public var description: String {
        guard let year else { return "--\(Self.two(month ?? 0))-\(Self.two(day ?? 0))" }
        var s = String(year)
        if let month { s += "-" + Self.two(month) }
        if let day { s += "-" + Self.two(day) }
        return s
    }

    /// The first day the date covers (`2021` → `2021-01-01`); nil without a year.
    public var firstDay: String? {
        guard let year else { return nil }
        return "\(year)-\(Self.two(month ?? 1))-\(Self.two(day ?? 1))"
    }

    /// The last day the date covers (`2021-02` → `2021-02-28`); nil without a year.
    public var lastDay: String? {
        guard let year else { return nil }
        let m = month ?? 12
        return "\(year)-\(Self.two(m))-\(Self.two(day ?? Self.days(in: m, of: year)))"
    }
}
