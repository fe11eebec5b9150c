import GuanxiStore

/// A `<key>` declaration of a GraphML file: what one `<data key=…>` means.
struct GraphMLKey {
    var id: String
    /// `node`, `edge`, `graph`, `all`, …
    var domain: String
    /// The attribute's name (`attr.name`); the id when the file gives none.
    var name: String
    /// `attr.type`: boolean, int, long, float, double or string.
    var type: String
    /// yEd's `yfiles.type` (nodegraphics, edgegraphics, …): drawing, not data.
    var yfilesType: String?
    /// The `<default>` value, for elements that carry no data for this key.
    var defaultValue: String?

    /// The value `text` as a property of this key's type.
    /// - Throws: a message when `text` is not of the declared type.
    func value(_ text: String) throws(KeyValueError) -> PropertyValue {
        let trimmed = text.trimmingWhitespace
        switch type.lowercased() {
        case "int", "long":
            guard let i = Int64(trimmed) else { throw KeyValueError(text: text, type: type) }
            return .integer(i)
        case "float", "double":
            guard let d = Double(trimmed) else { throw KeyValueError(text: text, type: type) }
            return .float(d)
        case "boolean":
            switch trimmed.lowercased() {
            case "true", "1": return .boolean(true)
            case "false", "0": return .boolean(false)
            default: throw KeyValueError(text: text, type: type)
            }
        default:
            return .string(text)
        }
    }
}

/// Data whose text is not of its key's declared type.
struct KeyValueError: Error {
    var text: String
    var type: String
}

extension String {
    /// The string without the whitespace (Unicode's) at either end.
    var trimmingWhitespace: String {
        var scalars = Substring(self).unicodeScalars
        while let f = scalars.first, f.properties.isWhitespace { scalars.removeFirst() }
        while let l = scalars.last, l.properties.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
