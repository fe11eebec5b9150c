import GuanxiText
import Foundation
import GuanxiExtraction

/// A property value of a node or relationship: the types a labelled property graph
/// needs (string, integer, float, boolean, list) and null.
public indirect enum PropertyValue: Sendable, Hashable {
    case null
    case string(String)
    case integer(Int64)
    case float(Double)
    case boolean(Bool)
    case list([PropertyValue])

    /// The type name stored beside the value.
    public var kind: String {
        switch self {
        case .null: return "null"
        case .string: return "string"
        case .integer: return "integer"
        case .float: return "float"
        case .boolean: return "boolean"
        case .list: return "list"
        }
    }

    /// The SQLite form: lists as JSON text, booleans as 0 and 1.
    var sqlValue: SQLValue {
        switch self {
        case .null: return .null
        case .string(let s): return .text(s)
        case .integer(let i): return .integer(i)
        case .float(let d): return .real(d)
        case .boolean(let b): return .integer(b ? 1 : 0)
        case .list: return .text(json)
        }
    }

    /// The value as text, when it is a string.
    public var text: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// The value as a number, when it is one.
    public var number: Double? {
        switch self {
        case .integer(let i): return Double(i)
        case .float(let d): return d
        default: return nil
        }
    }

    /// The value as JSON.
    public var json: String {
        switch self {
        case .null: return "null"
        case .string(let s): return JSONString.quote(s)
        case .integer(let i): return String(i)
        case .float(let d): return d.isFinite ? String(d) : "null"
        case .boolean(let b): return b ? "true" : "false"
        case .list(let items): return "[" + items.map(\.json).joined(separator: ",") + "]"
        }
    }

    /// Reads a stored value back given its kind.
    public static func decode(_ value: SQLValue, kind: String) -> PropertyValue {
        switch (kind, value) {
        case ("boolean", .integer(let i)): return .boolean(i != 0)
        // PostgreSQL holds every value as text beside its kind.
        case ("boolean", .text(let s)): return .boolean(s != "0")
        case ("integer", .text(let s)): return Int64(s).map(PropertyValue.integer) ?? .string(s)
        case ("float", .text(let s)): return Double(s).map(PropertyValue.float) ?? .string(s)
        case ("list", .text(let s)):
            guard let any = try? JSONSerialization.jsonObject(with: Data(s.utf8), options: [.fragmentsAllowed]) else { return .string(s) }
            return fromJSON(any)
        case (_, .integer(let i)): return .integer(i)
        case (_, .real(let d)): return .float(d)
        case (_, .text(let s)): return .string(s)
        default: return .null
        }
    }

    static func fromJSON(_ any: Any) -> PropertyValue {
        switch any {
        case let s as String: return .string(s)
        case let n as NSNumber:
            if n.isJSONBoolean { return .boolean(n.boolValue) }
            let d = n.doubleValue
            return d == d.rounded() && !String(describing: n).contains(".") ? .integer(n.int64Value) : .float(d)
        case let a as [Any]: return .list(a.map(fromJSON))
        default: return .null
        }
    }
}
