/// Makes strings safe for XML 1.0, counting what it had to drop.
struct XMLText {
    /// Characters XML 1.0 forbids that were dropped (C0 controls from OCR noise).
    private(set) var dropped = 0

    /// `s` without the characters XML 1.0 forbids.
    mutating func clean(_ s: String) -> String {
        var bad = false
        for u in s.unicodeScalars where !Self.allowed(u) {
            bad = true
            break
        }
        guard bad else { return s }
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            if Self.allowed(u) { out.append(u) } else { dropped += 1 }
        }
        return String(out)
    }

    static func allowed(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        return v == 0x9 || v == 0xA || v == 0xD || (v >= 0x20 && v <= 0xD7FF) || (v >= 0xE000 && v <= 0xFFFD) || v >= 0x10000
    }
}
