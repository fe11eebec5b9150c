import Foundation

/// Traditional Chinese characters to simplified ones, for matching: an article from a
/// Taiwan or Hong Kong outlet is matched against the same rules and gazetteer as its
/// simplified twin, while its names and offsets stay as written.
public enum Simplifier {
    /// The table, read once from the package's `TraditionalToSimplified.txt`
    /// (derived from OpenCC's dictionaries, Apache-2.0).
    static let table: [UInt32: Unicode.Scalar] = {
        guard let url = Bundle.module.url(forResource: "TraditionalToSimplified", withExtension: "txt"),
              let data = try? Data(contentsOf: url) else { return [:] }
        var out: [UInt32: Unicode.Scalar] = [:]
        out.reserveCapacity(4200)
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.unicodeScalars.split(separator: "\t")
            guard parts.count == 2, parts[0].count == 1, parts[1].count == 1, let t = parts[0].first, let s = parts[1].first else { continue }
            out[t.value] = s
        }
        return out
    }()

    /// The table for U+3400…U+9FFF as a flat array (0: no mapping), so that the
    /// common case costs one load; characters beyond use the dictionary.
    static let dense: [UInt32] = {
        var out = [UInt32](repeating: 0, count: 0xA000 - 0x3400)
        for (k, v) in table where k >= 0x3400 && k < 0xA000 { out[Int(k) - 0x3400] = v.value }
        return out
    }()

    /// `s` in simplified form (itself when it has none).
    @inline(__always)
    public static func simplified(_ s: Unicode.Scalar) -> Unicode.Scalar {
        let v = s.value
        if v < 0x3400 { return s }
        if v < 0xA000 {
            let mapped = dense[Int(v) - 0x3400]
            return mapped == 0 ? s : (Unicode.Scalar(mapped) ?? s)
        }
        return table[v] ?? s
    }

    /// `text` in simplified form, character by character.
    public static func simplified(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { simplified($0) }))
    }
}
