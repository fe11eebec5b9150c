import Foundation

/// JSON string literals, for every module that writes JSON by hand (extraction's
/// JSON lines, the query language's rows, the exporters).
public enum JSONString {
    /// Escapes `s` as a JSON string literal (Chinese stays UTF-8).
    public static func quote(_ s: String) -> String { quote(s, delimiter: "\"") }

    /// Escapes `s` between `delimiter`s: with `'`, the same escapes make a Cypher
    /// string literal.
    public static func quote(_ s: String, delimiter: Unicode.Scalar) -> String {
        var out = String(delimiter)
        out.reserveCapacity(s.utf8.count + 2)
        for u in s.unicodeScalars {
            switch u {
            case delimiter: out += "\\" + String(delimiter)
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 || u.value == 0x7F {
                    out += String(format: "\\u%04x", u.value)
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + String(delimiter)
    }
}
