/// Finds dates written in Chinese news text: `2021年02月05日`, `2021年6月`, `2020年`,
/// `6月21日`, `2021-02-05`, `2024-1-19`, `2021/2/5`, `2021.02.05`, in ASCII or
/// full-width digits, with the clock time and weekday that may follow.
public enum DateScanner {
    /// One date in a text.
    public struct Hit: Sendable, Equatable {
        /// Where it is written, clock time and weekday included.
        public let range: Range<Int>
        /// The date, as precise as written.
        public let date: PartialDate
        /// True when a clock time (08:28) follows: the mark of a timestamp.
        public let hasTime: Bool
        /// True when a weekday (星期五, 周五) follows.
        public let hasWeekday: Bool
    }

    @inline(__always)
    static func digit(_ s: Unicode.Scalar) -> Int? {
        switch s.value {
        case 0x30...0x39: return Int(s.value - 0x30)
        case 0xFF10...0xFF19: return Int(s.value - 0xFF10)
        default: return nil
        }
    }

    /// The number of up to `max` digits at `p`, and where it ends.
    static func number(_ t: [Unicode.Scalar], _ p: Int, max: Int) -> (Int, Int)? {
        var value = 0, q = p
        while q < t.count, q - p < max, let d = digit(t[q]) {
            value = value * 10 + d
            q += 1
        }
        guard q > p, q >= t.count || digit(t[q]) == nil else { return nil }
        return (value, q)
    }

    /// Every date in `text[range]`, in order.
    public static func dates(in text: [Unicode.Scalar], within range: Range<Int>? = nil) -> [Hit] {
        let r = range ?? 0..<text.count
        var hits: [Hit] = []
        var p = r.lowerBound
        while p < r.upperBound {
            guard digit(text[p]) != nil, p == 0 || digit(text[p - 1]) == nil else {
                p += 1
                continue
            }
            if let hit = date(text, at: p, limit: r.upperBound) {
                hits.append(hit)
                p = hit.range.upperBound
            } else {
                p += 1
            }
        }
        return hits
    }

    static func date(_ t: [Unicode.Scalar], at p: Int, limit: Int) -> Hit? {
        guard let (first, a) = number(t, p, max: 4) else { return nil }
        var year: Int?, month: Int?, day: Int?
        var end = a
        if a - p == 4, a < limit, ["-", "/", ".", "\u{FF0D}", "\u{FF0F}"].contains(t[a]),
           let (m, b) = number(t, a + 1, max: 2), b < limit, t[b] == t[a], let (d, c) = number(t, b + 1, max: 2) {
            (year, month, day, end) = (first, m, d, c)
        } else if a < limit && t[a] == "年" && a - p == 4 {
            year = first
            end = a + 1
            if let (m, b) = number(t, a + 1, max: 2), b < limit, t[b] == "月" {
                month = m
                end = b + 1
                if let (d, c) = number(t, b + 1, max: 2), c < limit, t[c] == "日" || t[c] == "号" {
                    day = d
                    end = c + 1
                }
            }
        } else if a < limit && t[a] == "月" && a - p <= 2, let (d, c) = number(t, a + 1, max: 2), c < limit, t[c] == "日" || t[c] == "号" {
            (month, day, end) = (first, d, c + 1)
        } else {
            return nil
        }
        guard let date = PartialDate(year: year, month: month, day: day) else { return nil }
        // A weekday and a clock time may follow (2021年04月30日 星期五, 2021-02-05 08:28).
        var q = end
        var hasWeekday = false, hasTime = false
        func skipSpaces() { while q < limit && (t[q] == " " || t[q] == "\u{3000}" || t[q] == "\t") { q += 1 } }
        skipSpaces()
        if q + 1 < limit, t[q] == "星" && q + 2 < limit && t[q + 1] == "期" {
            hasWeekday = true
            q += 3
            skipSpaces()
        } else if q + 1 < limit, t[q] == "周", "一二三四五六日天".unicodeScalars.contains(t[q + 1]) {
            hasWeekday = true
            q += 2
            skipSpaces()
        }
        if let (h, b) = number(t, q, max: 2), h < 24, b < limit, t[b] == ":" || t[b] == "\u{FF1A}", let (m, c) = number(t, b + 1, max: 2), m < 60, c - b == 3 {
            hasTime = true
            q = c
            if q < limit && (t[q] == ":" || t[q] == "\u{FF1A}"), let (_, e) = number(t, q + 1, max: 2) { q = e }
        }
        return Hit(range: p..<(hasTime || hasWeekday ? q : end), date: date, hasTime: hasTime, hasWeekday: hasWeekday)
    }
}
