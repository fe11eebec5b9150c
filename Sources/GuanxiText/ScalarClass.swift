/// Classification and normalisation of Unicode scalars, by code-point range.
///
/// Everything here works on `Unicode.Scalar` values, never on `Character`: the hot
/// paths of the extractor call these once per scalar.
public enum ScalarClass {
    /// True for CJK unified ideographs (the basic block and extensions A to F) and
    /// compatibility ideographs.
    @inlinable
    public static func isHan(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return (v >= 0x4E00 && v <= 0x9FFF) || (v >= 0x3400 && v <= 0x4DBF)
            || (v >= 0x20000 && v <= 0x2EBEF) || (v >= 0xF900 && v <= 0xFAFF)
            || v == 0x3007  // 〇
    }

    /// True for ASCII digits.
    @inlinable
    public static func isDigit(_ s: Unicode.Scalar) -> Bool {
        s.value >= 0x30 && s.value <= 0x39
    }

    /// True for ASCII digits (an alias that reads well next to numeral checks).
    @inlinable
    public static func isAsciiDigit(_ s: Unicode.Scalar) -> Bool { isDigit(s) }

    /// True for ASCII letters.
    @inlinable
    public static func isLatin(_ s: Unicode.Scalar) -> Bool {
        let v = s.value | 0x20
        return v >= 0x61 && v <= 0x7A
    }

    /// True for spaces and tabs (not line ends).
    @inlinable
    public static func isSpace(_ s: Unicode.Scalar) -> Bool {
        s == " " || s == "\t" || s.value == 0x3000 || s.value == 0xA0 || s == "\r"
    }

    /// True for scalars that end a sentence: 。 ! ? ; and their full-width forms.
    @inlinable
    public static func isSentenceEnd(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x3002, 0x21, 0x3F, 0x3B, 0xFF01, 0xFF1F, 0xFF1B: return true
        default: return false
        }
    }

    /// True for closing quotation marks and brackets that may follow a sentence end.
    @inlinable
    public static func isClosingQuote(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x201D, 0x2019, 0x300D, 0x300F, 0x300B, 0x3009, 0x3011, 0x22, 0x27, 0x29: return true
        default: return false
        }
    }

    /// True for opening quotation marks and title marks.
    @inlinable
    public static func isOpeningQuote(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x201C, 0x2018, 0x300C, 0x300E, 0x300A, 0x3008, 0x3010: return true
        default: return false
        }
    }

    /// True for punctuation that separates phrases (commas, colons, enumeration commas,
    /// sentence ends, dashes, ellipses) but not for quotes or brackets.
    @inlinable
    public static func isPhraseBreak(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x2C, 0x3001, 0x3002, 0x3A, 0x3B, 0x21, 0x3F, 0x2026, 0x2014, 0xFF0C, 0xFF1A, 0xFF1B,
            0xFF01, 0xFF1F:
            return true
        default: return false
        }
    }

    /// The form used for matching: full-width ASCII becomes half-width, the ideographic
    /// space becomes a space, the katakana middle dot becomes `·`. Both kinds of
    /// parentheses end up as `(` and `)`.
    @inlinable
    public static func normalized(_ s: Unicode.Scalar) -> Unicode.Scalar {
        let v = s.value
        if v >= 0xFF01 && v <= 0xFF5E { return Unicode.Scalar(v - 0xFEE0) ?? s }
        switch v {
        case 0x3000: return " "
        case 0x30FB, 0xFF65: return "\u{B7}"
        default: return s
        }
    }

    /// True for C0 control characters other than tab, line feed and carriage return.
    @inlinable
    public static func isControl(_ s: Unicode.Scalar) -> Bool {
        (s.value < 0x20 && s != "\t" && s != "\n" && s != "\r") || s.value == 0x7F
    }
}
