import GuanxiStore
import Foundation

/// Cypher's equality and ordering for list and map values held as JSON text, which
/// SQLite alone would compare as strings: `[1, null] = [1, 2]` is null, `[1, 0] > [1]`
/// is true, and ORDER BY puts `[]` before `['a']` before `[1]`.
enum CypherValueOrder {
    /// A value decoded from JSON, or from a plain SQL value.
    indirect enum Value {
        /// Integers stay exact (2^62 + 1 is not 2^62); floats are doubles. Nodes,
        /// relationships, paths and dates come from `TaggedText`.
        case null, boolean(Bool), integer(Int64), number(Double), string(String), list([Value]), map([String: Value])
        case entity(TaggedText.Tag), temporal(String)

        /// Text as a value: tagged text as what it stands for.
        init(text: String) {
            switch TaggedText.tag(of: text) {
            case nil: self = .string(text)
            case .nan?: self = .number(.nan)
            case .temporal(let t)?: self = .temporal(t)
            case let tag?: self = .entity(tag)
            }
        }

        init(json text: String) {
            guard let data = text.data(using: .utf8),
                  let object = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            else { self = .string(text); return }
            self = Value(object)
        }

        init(_ object: Any) {
            switch object {
            case is NSNull: self = .null
            case let n as NSNumber:
                self = n.isJSONBoolean ? .boolean(n.boolValue) : (n.isJSONFloat ? .number(n.doubleValue) : .integer(n.int64Value))
            case let s as String: self = Value(text: s)
            case let a as [Any]: self = .list(a.map(Value.init))
            case let m as [String: Any]: self = .map(m.mapValues(Value.init))
            default: self = .null
            }
        }

        /// Rank of the kind in Cypher's global sort order (ascending).
        var rank: Int {
            switch self {
            case .map: return 0
            case .entity(let tag): return tag.rank
            case .list: return 3
            case .temporal: return 5
            case .string: return 6
            case .boolean: return 7
            case .integer, .number: return 8
            case .null: return 9
            }
        }
    }

    /// Equality with three-valued logic: nil when a null makes the answer unknown.
    static func equals(_ a: Value, _ b: Value) -> Bool? {
        switch (a, b) {
        case (.null, _), (_, .null): return nil
        case (.boolean(let x), .boolean(let y)): return x == y
        case (.integer(let x), .integer(let y)): return x == y
        case (.integer, .number), (.number, .integer), (.number, .number):
            guard let (x, y) = doubles(a, b) else { return false }
            return x == y
        case (.entity(let x), .entity(let y)): return x == y
        case (.temporal(let x), .temporal(let y)): return x == y
        case (.string(let x), .string(let y)): return x == y
        case (.list(let x), .list(let y)):
            guard x.count == y.count else { return false }
            return combine(zip(x, y).map { equals($0, $1) })
        case (.map(let x), .map(let y)):
            guard Set(x.keys) == Set(y.keys) else { return false }
            return combine(x.keys.map { k in equals(x[k] ?? .null, y[k] ?? .null) })
        default: return false
        }
    }

    /// False if any part is false, else nil if any is unknown, else true.
    static func combine(_ parts: [Bool?]) -> Bool? {
        if parts.contains(false) { return false }
        return parts.contains(where: { $0 == nil }) ? nil : true
    }

    /// Comparison for `<`, `<=`, `>`, `>=`: nil across kinds or where a null decides.
    static func compare(_ a: Value, _ b: Value) -> Int? {
        switch (a, b) {
        case (.integer(let x), .integer(let y)): return x < y ? -1 : (x > y ? 1 : 0)
        case (.integer, .number), (.number, .integer), (.number, .number):
            guard let (x, y) = doubles(a, b) else { return nil }
            return x < y ? -1 : (x > y ? 1 : 0)
        case (.temporal(let x), .temporal(let y)):
            // One kind of date or time with another: the encoded text sorts in time.
            guard x.dropFirst().first == y.dropFirst().first else { return nil }
            return x < y ? -1 : (x > y ? 1 : 0)
        case (.string(let x), .string(let y)): return x < y ? -1 : (x > y ? 1 : 0)
        case (.boolean(let x), .boolean(let y)): return x == y ? 0 : (x ? 1 : -1)
        case (.list(let x), .list(let y)):
            for (p, q) in zip(x, y) {
                guard let c = compare(p, q) else { return nil }
                if c != 0 { return c }
            }
            return x.count < y.count ? -1 : (x.count > y.count ? 1 : 0)
        default: return nil
        }
    }

    /// Whether `a op b` holds for `<`, `<=`, `>`, `>=`: nil across kinds or where a null
    /// decides; false when a number is NaN, which is neither below nor above anything.
    static func holds(_ op: String, _ a: Value, _ b: Value) -> Bool? {
        if let (x, y) = doubles(a, b), x.isNaN || y.isNaN { return false }
        guard let c = compare(a, b) else { return nil }
        switch op {
        case "<": return c < 0
        case "<=": return c <= 0
        case ">": return c > 0
        case ">=": return c >= 0
        default: return nil
        }
    }

    /// Two numbers as doubles; nil unless both are numbers.
    static func doubles(_ a: Value, _ b: Value) -> (Double, Double)? {
        func double(_ v: Value) -> Double? {
            switch v {
            case .integer(let i): return Double(i)
            case .number(let d): return d
            default: return nil
            }
        }
        guard let x = double(a), let y = double(b) else { return nil }
        return (x, y)
    }

    /// The total order of ORDER BY: kinds by rank, then values; lists element by element.
    static func order(_ a: Value, _ b: Value) -> Int {
        if a.rank != b.rank { return a.rank < b.rank ? -1 : 1 }
        switch (a, b) {
        case (.list(let x), .list(let y)):
            for (p, q) in zip(x, y) {
                let c = order(p, q)
                if c != 0 { return c }
            }
            return x.count < y.count ? -1 : (x.count > y.count ? 1 : 0)
        case (.map(let x), .map(let y)):
            let kx = x.keys.sorted(), ky = y.keys.sorted()
            if kx != ky { return kx.lexicographicallyPrecedes(ky) ? -1 : 1 }
            for k in kx {
                let c = order(x[k] ?? .null, y[k] ?? .null)
                if c != 0 { return c }
            }
            return 0
        default:
            return compare(a, b) ?? 0
        }
    }
}
