import Foundation

extension NSNumber {
    /// Whether `JSONSerialization` read this number from `true` or `false`.
    public var isJSONBoolean: Bool {
        let type = String(cString: objCType)
        return type == "c" || type == "B"
    }

    /// Whether it was read from a number with a fraction or an exponent.
    public var isJSONFloat: Bool {
        let type = String(cString: objCType)
        return type == "d" || type == "f"
    }
}
