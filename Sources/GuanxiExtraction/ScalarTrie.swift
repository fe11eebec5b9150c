/// A trie over Unicode scalars for longest-match dictionary lookup.
///
/// All edges live in one hash table keyed by `(node, scalar)`, which keeps building
/// cheap and a step of a walk one hash probe.
public struct ScalarTrie<Value: Sendable>: Sendable {
    private var edges: [UInt64: Int32] = [:]
    private var terminal: [Int32] = [-1]
    private var values: [[Value]] = []
    private var nodeCount: Int32 = 1
    /// The number of words stored.
    public private(set) var count = 0

    /// Creates an empty trie.
    public init() {}

    @inline(__always)
    private static func key(_ node: Int32, _ s: Unicode.Scalar) -> UInt64 {
        (UInt64(UInt32(bitPattern: node)) << 21) | UInt64(s.value)
    }

    /// Adds `value` under `word`; a word may carry several values.
    public mutating func insert<S: Sequence>(_ word: S, value: Value) where S.Element == Unicode.Scalar {
        var node: Int32 = 0
        var empty = true
        for s in word {
            empty = false
            let k = Self.key(node, s)
            if let next = edges[k] {
                node = next
            } else {
                edges[k] = nodeCount
                terminal.append(-1)
                node = nodeCount
                nodeCount += 1
            }
        }
        guard !empty else { return }
        let slot = terminal[Int(node)]
        if slot < 0 {
            terminal[Int(node)] = Int32(values.count)
            values.append([value])
            count += 1
        } else {
            values[Int(slot)].append(value)
        }
    }

    /// Adds `value` under the scalars of `word`.
    public mutating func insert(_ word: String, value: Value) {
        insert(word.unicodeScalars, value: value)
    }

    /// The longest word that starts at `start` in `text`, with its length and values.
    /// - Complexity: O(k), k the length of the longest word.
    @inlinable
    public func longestMatch(in text: [Unicode.Scalar], from start: Int, limit: Int? = nil) -> (length: Int, values: [Value])? {
        var best: (Int, [Value])?
        forEachMatch(in: text, from: start, limit: limit) { length, values in best = (length, values) }
        return best.map { (length: $0.0, values: $0.1) }
    }

    /// Calls `body` for every word that starts at `start`, shortest first.
    public func forEachMatch(in text: [Unicode.Scalar], from start: Int, limit: Int? = nil, _ body: (Int, [Value]) -> Void) {
        var node: Int32 = 0
        var i = start
        let end = min(text.count, limit ?? text.count)
        while i < end, let next = edges[Self.key(node, text[i])] {
            node = next
            i += 1
            let slot = terminal[Int(node)]
            if slot >= 0 { body(i - start, values[Int(slot)]) }
        }
    }

    /// Calls `body` for every word that ends at `end` when read right to left; the
    /// trie must have been built from reversed words.
    public func forEachMatchBackward(in text: [Unicode.Scalar], endingAt end: Int, floor: Int = 0, _ body: (Int, [Value]) -> Void) {
        var node: Int32 = 0
        var i = end - 1
        while i >= floor, let next = edges[Self.key(node, text[i])] {
            node = next
            let slot = terminal[Int(node)]
            if slot >= 0 { body(end - i, values[Int(slot)]) }
            i -= 1
        }
    }

    /// True when `word` is stored.
    public func contains(_ word: [Unicode.Scalar]) -> Bool {
        var node: Int32 = 0
        for s in word {
            guard let next = edges[Self.key(node, s)] else { return false }
            node = next
        }
        return terminal[Int(node)] >= 0
    }

    /// The values stored under `word`, empty when absent.
    public func values(for word: [Unicode.Scalar]) -> [Value] {
        var node: Int32 = 0
        for s in word {
            guard let next = edges[Self.key(node, s)] else { return [] }
            node = next
        }
        let slot = terminal[Int(node)]
        return slot >= 0 ? values[Int(slot)] : []
    }
}
