import GuanxiText

/// Reads amounts as Chinese articles write them: Arabic or Chinese numerals with
/// 十 百 千 万 亿, approximations (多, 余, 约) and a unit (`51亿元`, `3000多万元`,
/// `1.4万余`, `六十四万元`, `约50亩`).
public enum AmountParser {
    /// An amount found in text.
    public struct Amount: Sendable, Equatable {
        /// The amount as written, unit included.
        public var text: String
        /// Its numeric value with the multipliers applied (`51亿` → 5.1e9).
        public var value: Double
        /// The unit written after it (`元`, `亩`), empty when none.
        public var unit: String
        /// How many scalars it spans.
        public var length: Int

        /// The value in yuan, when the unit is money.
        public var yuan: Double? { unit == "元" ? value : nil }
    }

    static let digits: [Unicode.Scalar: Double] = [
        "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
    ]
    static let smallUnits: [Unicode.Scalar: Double] = ["十": 10, "百": 100, "千": 1000]
    static let bigUnits: [Unicode.Scalar: Double] = ["万": 1e4, "亿": 1e8]
    static let units = ["平方米", "万元", "元", "亩", "平方公里", "公顷", "人", "家", "个"]

    /// Parses the amount that starts at `start` of `text`, if one does.
    public static func parse(_ text: [Unicode.Scalar], from start: Int) -> Amount? {
        var p = start
        if p < text.count && text[p] == "约" { p += 1 }
        let numberStart = p
        var value: Double = 0
        if p < text.count && ScalarClass.isAsciiDigit(text[p]) {
            var s = ""
            while p < text.count && (ScalarClass.isAsciiDigit(text[p]) || (text[p] == "." && p + 1 < text.count && ScalarClass.isAsciiDigit(text[p + 1]))) {
                s.unicodeScalars.append(text[p])
                p += 1
            }
            value = Double(s) ?? 0
        } else {
            var section: Double = 0
            var number: Double = 0
            var total: Double = 0
            var seen = false
            while p < text.count {
                let c = text[p]
                if let d = digits[c] {
                    number = d
                    seen = true
                } else if let u = smallUnits[c] {
                    section += (number == 0 && u == 10 ? 1 : number) * u
                    number = 0
                    seen = true
                } else if let u = bigUnits[c], seen {
                    // Stop before a trailing multiplier that the loop below handles.
                    if p + 1 < text.count && (digits[text[p + 1]] != nil || smallUnits[text[p + 1]] != nil) {
                        total += (section + number) * u
                        section = 0
                        number = 0
                    } else {
                        break
                    }
                } else {
                    break
                }
                p += 1
            }
            guard seen else { return nil }
            value = total + section + number
        }
        guard p > numberStart else { return nil }
        // Approximation words and multipliers, in any order (3000多万, 1.4万余).
        while p < text.count {
            if text[p] == "多" || text[p] == "余" || text[p] == "几" {
                p += 1
            } else if let u = bigUnits[text[p]] {
                value *= u
                p += 1
            } else if let u = smallUnits[text[p]], ScalarClass.isAsciiDigit(text[p - 1]) || text[p - 1] == "多" {
                value *= u
                p += 1
            } else {
                break
            }
        }
        var unit = ""
        for u in units {
            let scalars = Array(u.unicodeScalars)
            if p + scalars.count <= text.count && Array(text[p..<(p + scalars.count)]) == scalars {
                unit = u == "万元" ? "元" : u
                if u == "万元" { value *= 1e4 }
                p += scalars.count
                break
            }
        }
        if p < text.count && (text[p] == "余" || text[p] == "多") { p += 1 }
        return Amount(text: String(scalars: text[start..<p]), value: value, unit: unit, length: p - start)
    }

    /// Parses a whole string as an amount (`"3000多万元"` → 30000000 元).
    public static func parse(_ string: String) -> Amount? {
        let scalars = Array(string.unicodeScalars)
        guard let a = parse(scalars, from: 0), a.length == scalars.count else { return nil }
        return a
    }
}
