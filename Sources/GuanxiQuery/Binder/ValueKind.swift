/// What an expression evaluates to, as far as compiling it needs to know.
public indirect enum ValueKind: Sendable, Hashable, CustomStringConvertible {
    case node, relationship, path, boolean, integer, float, string, map, any
    case list(ValueKind)

    public var description: String {
        switch self {
        case .node: return "node"
        case .relationship: return "relationship"
        case .path: return "path"
        case .boolean: return "boolean"
        case .integer: return "integer"
        case .float: return "float"
        case .string: return "string"
        case .map: return "map"
        case .any: return "any"
        case .list(let k): return "list of \(k)"
        }
    }

    var isList: Bool { if case .list = self { return true } else { return false } }

    /// The kind of a list's elements; `.any` for a value not known to be a list.
    var elementKind: ValueKind { if case .list(let k) = self { return k } else { return .any } }

    /// The kind of a list written with elements of `kinds` (its null elements left out):
    /// one kind, a list of lists when every element is a list, else any.
    static func list(ofElementKinds kinds: Set<ValueKind>) -> ValueKind {
        if kinds.count == 1, let only = kinds.first { return .list(only) }
        return .list(!kinds.isEmpty && kinds.allSatisfy(\.isList) ? .list(.any) : .any)
    }

    /// Held in SQL as JSON text (lists, maps, and paths as `[node, rel, node, …]` ids),
    /// so it nests as JSON inside other lists and maps.
    var isJSON: Bool { isList || self == .map || self == .path }
}

/// A variable in scope: its kind and the SQL column that holds it.
struct Variable: Sendable {
    var name: String
    var kind: ValueKind
    var column: String
    /// For a property value of unknown kind: the column holding its stored kind.
    var kindColumn: String? = nil
    /// The column may hold NaN (a float result such as 0.0 / 0.0), which plain SQL
    /// comparison and arithmetic would get wrong.
    var mayBeNaN = false
}

/// The variables visible at a point of the query, in the order they were bound.
struct Scope: Sendable {
    var variables: [Variable] = []

    mutating func bind(_ name: String, kind: ValueKind, column: String, kindColumn: String? = nil, mayBeNaN: Bool = false) {
        variables.removeAll { $0.name == name }
        variables.append(Variable(name: name, kind: kind, column: column, kindColumn: kindColumn, mayBeNaN: mayBeNaN))
    }
}
