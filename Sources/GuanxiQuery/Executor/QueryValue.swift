import GuanxiText
import Foundation
import GuanxiStore

/// A value in a query result.
public indirect enum QueryValue: Sendable, Hashable {
    case null
    case boolean(Bool)
    case integer(Int64)
    case float(Double)
    case string(String)
    case list([QueryValue])
    case map([String: QueryValue])
    case node(NodeValue)
    case relationship(RelationshipValue)
    case path(PathValue)
    /// A date or time, as `TemporalValue` encodes it.
    case temporal(String)

    /// A stored text value: a string, or tagged text as what it stands for (a stored
    /// property never holds a tagged node or relationship, so none is looked up).
    static func text(_ s: String) -> QueryValue {
        fromText(s) { _, _ in .null }
    }

    /// A node: its id, labels and properties.
    public struct NodeValue: Sendable, Hashable {
        public var id: Int64
        public var labels: [String]
        public var properties: [String: QueryValue]
        public var name: String? { if case .string(let s)? = properties["name"] { return s } else { return nil } }
    }

    /// A relationship: its id, type, ends and properties.
    public struct RelationshipValue: Sendable, Hashable {
        public var id: Int64
        public var type: String
        public var start: Int64
        public var end: Int64
        public var properties: [String: QueryValue]
    }

    /// A path: its nodes in walking order and the relationships between them (one
    /// fewer); a relationship points forward when its start is the node before it.
    public struct PathValue: Sendable, Hashable {
        public var nodes: [NodeValue]
        public var relationships: [RelationshipValue]
    }

    /// The value for people: a node as its name and type, a relationship as its type.
    public var display: String {
        switch self {
        case .null: return "null"
        case .boolean(let b): return b ? "true" : "false"
        case .integer(let i): return String(i)
        case .float(let d): return Self.format(d)
        case .string(let s): return s
        case .list(let items): return "[" + items.map(\.displayNested).joined(separator: ", ") + "]"
        case .map(let m): return "{" + m.keys.sorted().map { "\($0): \(m[$0]?.displayNested ?? "null")" }.joined(separator: ", ") + "}"
        case .node(let n): return "\(n.name ?? "#\(n.id)") (\(n.labels.joined(separator: ":")))"
        case .relationship(let r): return "[:\(r.type)]"
        case .path(let p):
            var text = p.nodes.first.map { QueryValue.node($0).display } ?? ""
            for (r, (from, to)) in zip(p.relationships, zip(p.nodes, p.nodes.dropFirst())) {
                text += r.start == from.id ? " -[:\(r.type)]-> " : " <-[:\(r.type)]- "
                text += QueryValue.node(to).display
            }
            return text
        case .temporal(let t): return TemporalValue.display(ofEncoded: t) ?? t
        }
    }

    var displayNested: String {
        if case .string(let s) = self { return "'\(s)'" }
        return display
    }

    static func format(_ d: Double) -> String {
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d > 0 ? "Infinity" : "-Infinity" }
        if d == d.rounded() && abs(d) < 1e15 { return String(format: "%.1f", d) }
        return String(d)
    }

    /// The value as JSON for programs.
    public var json: String {
        switch self {
        case .null: return "null"
        case .boolean(let b): return b ? "true" : "false"
        case .integer(let i): return String(i)
        case .float(let d): return d.isFinite ? String(d) : "null"
        case .string(let s): return JSONString.quote(s)
        case .list(let items): return "[" + items.map(\.json).joined(separator: ",") + "]"
        case .map(let m): return "{" + m.keys.sorted().map { JSONString.quote($0) + ":" + (m[$0]?.json ?? "null") }.joined(separator: ",") + "}"
        case .node(let n):
            let props = n.properties.keys.sorted().map { JSONString.quote($0) + ":" + (n.properties[$0]?.json ?? "null") }.joined(separator: ",")
            return "{\"id\":\(n.id),\"labels\":[\(n.labels.map(JSONString.quote).joined(separator: ","))],\"properties\":{\(props)}}"
        case .relationship(let r):
            let props = r.properties.keys.sorted().map { JSONString.quote($0) + ":" + (r.properties[$0]?.json ?? "null") }.joined(separator: ",")
            return "{\"id\":\(r.id),\"type\":\(JSONString.quote(r.type)),\"start\":\(r.start),\"end\":\(r.end),\"properties\":{\(props)}}"
        case .temporal(let t): return JSONString.quote(TemporalValue.display(ofEncoded: t) ?? t)
        case .path(let p):
            return "{\"nodes\":[\(p.nodes.map { QueryValue.node($0).json }.joined(separator: ","))],\"relationships\":[\(p.relationships.map { QueryValue.relationship($0).json }.joined(separator: ","))]}"
        }
    }

    /// A path from its `[node, rel, node, …]` ids.
    static func path(_ ids: [Int64], resolve: (Int64, ValueKind) throws -> QueryValue) rethrows -> QueryValue {
        var nodes: [NodeValue] = [], relationships: [RelationshipValue] = []
        for (i, id) in ids.enumerated() {
            switch try resolve(id, i % 2 == 0 ? .node : .relationship) {
            case .node(let node): nodes.append(node)
            case .relationship(let r): relationships.append(r)
            default: return .null
            }
        }
        return .path(PathValue(nodes: nodes, relationships: relationships))
    }

    /// Text as a value: tagged text (`TaggedText`) as what it stands for.
    static func fromText(_ s: String, resolve: (Int64, ValueKind) throws -> QueryValue) rethrows -> QueryValue {
        switch TaggedText.tag(of: s) {
        case nil: return .string(s)
        case .node(let id)?: return try resolve(id, .node)
        case .relationship(let id)?: return try resolve(id, .relationship)
        case .path(let ids)?: return try path(ids, resolve: resolve)
        case .nan?: return .float(.nan)
        case .temporal?: return .temporal(s)
        }
    }

    /// A JSON value decoded, with `kind` saying what numbers stand for.
    static func fromJSON(_ any: Any, kind: ValueKind, resolve: (Int64, ValueKind) throws -> QueryValue) rethrows -> QueryValue {
        switch any {
        case is NSNull: return .null
        case let s as String: return try fromText(s, resolve: resolve)
        case let n as NSNumber:
            if n.isJSONBoolean || kind == .boolean { return .boolean(n.boolValue) }
            if kind == .node || kind == .relationship { return try resolve(n.int64Value, kind) }
            if n.isJSONFloat { return .float(n.doubleValue) }
            return .integer(n.int64Value)
        case let a as [Any] where kind == .path:
            return try path(a.compactMap { ($0 as? NSNumber)?.int64Value }, resolve: resolve)
        case let a as [Any]:
            let element = kind.elementKind
            return .list(try a.map { try fromJSON($0, kind: element, resolve: resolve) })
        case let m as [String: Any]:
            var out: [String: QueryValue] = [:]
            for (k, v) in m { out[k] = try fromJSON(v, kind: .any, resolve: resolve) }
            return .map(out)
        default: return .null
        }
    }
}

/// The rows a query returned.
public struct QueryResult: Sendable {
    public var columns: [String]
    public var rows: [[QueryValue]]
    /// Warnings about names the store does not hold.
    public var warnings: [String]
    /// True for the answer to EXPLAIN: sections of text, not data.
    public var isExplain = false
}
