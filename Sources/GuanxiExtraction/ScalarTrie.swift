/// A trie over Unicode scalars for longest-match dictionary lookup.
///
/// All edges live in one open-addressing hash table keyed by `(node, scalar)`, which
/// keeps building cheap and a step of a walk one multiplicative hash and, mostly, one
/// probe.
public struct ScalarTrie<Value: Sendable>: Sendable {
    var edges = EdgeTable()
    var terminal: [Int32] = [-1]
    /// The values of every word in one array, a word's values side by side: a trie of
    /// 60,000 names holds one array, not 60,000 (start-up reads the gazetteer's trie
    /// back from its snapshot, and an array a name was most of that time).
    var values: [Value] = []
    /// For each word (the slot `terminal` gives), where its values start and end in `values`.
    var valueStarts: [Int32] = []
    var valueEnds: [Int32] = []
    var nodeCount: Int32 = 1
    /// One bit per BMP scalar that starts a word: most positions of a text start no
    /// word of a given lexicon, and this rejects them without hashing. (A hashed
    /// filter sized to the lexicon measured slower: the multiply costs more than the
    /// cache misses it saves.)
    var firstScalars = [UInt64](repeating: 0, count: 1024)
    /// One bit per BMP scalar that is a whole word by itself.
    var singleScalars = [UInt64](repeating: 0, count: 1024)
    /// One bit per hashed pair of first scalars of the words of two or more scalars:
    /// a gazetteer's first characters cover most of a text, its first pairs do not.
    var pairFilter = ScalarFilter()
    /// The number of words stored.
    public internal(set) var count = 0

    /// Creates an empty trie.
    public init() {}

    /// Creates an empty trie sized for about `expectedEdges` edges.
    public init(expectedEdges: Int) {
        edges = EdgeTable(capacity: expectedEdges)
        terminal.reserveCapacity(expectedEdges)
    }

    @inline(__always)
    private static func pairKey(_ a: Unicode.Scalar, _ b: Unicode.Scalar) -> UInt64 {
        UInt64(a.value) << 21 | UInt64(b.value)
    }

    /// False when no word starts with `s`.
    @inline(__always)
    func mayStart(with s: Unicode.Scalar) -> Bool {
        let v = Int(s.value)
        return v >= 65536 || firstScalars[v >> 6] & (1 << UInt64(v & 63)) != 0
    }

    /// False when no word of two or more scalars starts with `a`, `b`.
    @inline(__always)
    private func mayStart(_ a: Unicode.Scalar, _ b: Unicode.Scalar) -> Bool {
        pairFilter.mayContain(Self.pairKey(a, b))
    }

    @inline(__always)
    private func isSingle(_ s: Unicode.Scalar) -> Bool {
        let v = Int(s.value)
        return v >= 65536 || singleScalars[v >> 6] & (1 << UInt64(v & 63)) != 0
    }

    private static func set(_ s: Unicode.Scalar, in bits: inout [UInt64]) {
        let v = Int(s.value)
        if v < 65536 { bits[v >> 6] |= 1 << UInt64(v & 63) }
    }

    /// The first position a walk from `start` cannot pass: `start + 1` when the first
    /// two scalars start no longer word, `end` otherwise; nil when nothing can match.
    @inline(__always)
    private func walkEnd(_ text: [Unicode.Scalar], _ start: Int, _ end: Int) -> Int? {
        let first = text[start]
        guard mayStart(with: first) else { return nil }
        if start + 1 < end && mayStart(first, text[start + 1]) { return end }
        return isSingle(first) ? start + 1 : nil
    }


    @inline(__always)
    private static func key(_ node: Int32, _ s: Unicode.Scalar) -> UInt64 {
        (UInt64(UInt32(bitPattern: node)) << 21) | UInt64(s.value)
    }

    /// Adds `value` under `word`; a word may carry several values.
    public mutating func insert<S: Sequence>(_ word: S, value: Value) where S.Element == Unicode.Scalar {
        var node: Int32 = 0
        var empty = true
        var first: Unicode.Scalar?
        var length = 0
        var lastKey: UInt64 = 0
        for s in word {
            if empty { Self.set(s, in: &firstScalars); first = s }
            if length == 1, let first { pairFilter.insert(Self.pairKey(first, s)) }
            length += 1
            empty = false
            lastKey = Self.key(node, s)
            let next = edges.findOrInsert(lastKey, nodeCount)
            if next == nodeCount {
                terminal.append(-1)
                nodeCount += 1
            }
            node = next
        }
        guard !empty else { return }
        if length == 1, let first { Self.set(first, in: &singleScalars) }
        let slot = terminal[Int(node)]
        if slot < 0 {
            terminal[Int(node)] = Int32(valueStarts.count)
            edges.setTerminal(Int32(valueStarts.count), forKey: lastKey)
            valueStarts.append(Int32(values.count))
            values.append(value)
            valueEnds.append(Int32(values.count))
            count += 1
        } else {
            // A second value: the word's values move to the end unless they are there
            // already (building only; the snapshot stores them packed).
            let k = Int(slot), start = Int(valueStarts[k]), end = Int(valueEnds[k])
            if end != values.count {
                let moved = Array(values[start..<end])
                valueStarts[k] = Int32(values.count)
                values.append(contentsOf: moved)
            }
            values.append(value)
            valueEnds[k] = Int32(values.count)
        }
    }

    /// Adds `value` under the scalars of `word`.
    public mutating func insert(_ word: String, value: Value) {
        insert(word.unicodeScalars, value: value)
    }

    /// The longest word that starts at `start` in `text`, with its length and values.
    /// - Complexity: O(k), k the length of the longest word.
    /// Inlined into callers so that the many positions no word starts at cost no call.
    @inline(__always)
    public func longestMatch(in text: [Unicode.Scalar], from start: Int, limit: Int? = nil) -> (length: Int, values: ArraySlice<Value>)? {
        // The one test most positions fail, kept small enough to be inlined everywhere.
        guard start >= 0, start < text.count, mayStart(with: text[start]) else { return nil }
        return longestMatchStarting(in: text, from: start, limit: limit)
    }

    @inline(never)
    private func longestMatchStarting(in text: [Unicode.Scalar], from start: Int, limit: Int?) -> (length: Int, values: ArraySlice<Value>)? {
        let end = min(text.count, limit ?? text.count)
        guard start < end, let stop = walkEnd(text, start, end) else { return nil }
        return longestWalk(in: text, from: start, stop: stop)
    }

    @inline(never)
    private func longestWalk(in text: [Unicode.Scalar], from start: Int, stop: Int) -> (length: Int, values: ArraySlice<Value>)? {
        var node: Int32 = 0
        var i = start
        var bestLength = 0
        var bestSlot: Int32 = -1
        while i < stop, let edge = edges.slot(for: Self.key(node, text[i])) {
            node = edge.value
            i += 1
            if edge.terminal >= 0 {
                bestLength = i - start
                bestSlot = edge.terminal
            }
        }
        return bestSlot >= 0 ? (length: bestLength, values: values(ofSlot: bestSlot)) : nil
    }

    /// Calls `body` for every word that starts at `start`, shortest first.
    @inline(__always)
    public func forEachMatch(in text: [Unicode.Scalar], from start: Int, limit: Int? = nil, _ body: (Int, ArraySlice<Value>) -> Void) {
        let end = min(text.count, limit ?? text.count)
        guard start < end, let stop = walkEnd(text, start, end) else { return }
        forEachWalk(in: text, from: start, stop: stop, body)
    }

    private func forEachWalk(in text: [Unicode.Scalar], from start: Int, stop: Int, _ body: (Int, ArraySlice<Value>) -> Void) {
        var node: Int32 = 0
        var i = start
        while i < stop, let edge = edges.slot(for: Self.key(node, text[i])) {
            node = edge.value
            i += 1
            if edge.terminal >= 0 { body(i - start, values(ofSlot: edge.terminal)) }
        }
    }

    /// Calls `body` for every word that ends at `end` when read right to left; the
    /// trie must have been built from reversed words.
    public func forEachMatchBackward(in text: [Unicode.Scalar], endingAt end: Int, floor: Int = 0, _ body: (Int, ArraySlice<Value>) -> Void) {
        var node: Int32 = 0
        var i = end - 1
        guard i >= floor, mayStart(with: text[i]) else { return }
        let stop = i - 1 >= floor && mayStart(text[i], text[i - 1]) ? floor : (isSingle(text[i]) ? i : end)
        while i >= stop, let edge = edges.slot(for: Self.key(node, text[i])) {
            node = edge.value
            if edge.terminal >= 0 { body(end - i, values(ofSlot: edge.terminal)) }
            i -= 1
        }
    }

    /// The values of the word in `slot`.
    @inline(__always)
    func values(ofSlot slot: Int32) -> ArraySlice<Value> {
        values[Int(valueStarts[Int(slot)])..<Int(valueEnds[Int(slot)])]
    }

    /// True when `word` is stored.
    public func contains(_ word: [Unicode.Scalar]) -> Bool {
        var node: Int32 = 0
        for s in word {
            guard let next = edges.find(Self.key(node, s)) else { return false }
            node = next
        }
        return terminal[Int(node)] >= 0
    }

    /// The values stored under `word`, empty when absent.
    public func values(for word: [Unicode.Scalar]) -> ArraySlice<Value> {
        var node: Int32 = 0
        for s in word {
            guard let next = edges.find(Self.key(node, s)) else { return [] }
            node = next
        }
        let slot = terminal[Int(node)]
        return slot >= 0 ? values(ofSlot: slot) : []
    }
}

/// The edge table of a `ScalarTrie`: open addressing with linear probing, keys never
/// zero (a node id and a scalar shifted into place always leave a bit set). A key and
/// its value share one slot of 16 bytes, so that a probe touches one cache line: the
/// tables of the gazetteer and the lexicon are larger than the caches, and a walk is
/// mostly waiting for memory.
struct EdgeTable: Sendable {
    struct Slot: Sendable {
        var key: UInt64
        var value: Int32
        /// The word slot of the node this edge leads to, -1 when no word ends there:
        /// kept here (in what was the slot's padding) as well as in the trie's
        /// `terminal`, so that a walk reads it from the cache line of its probe instead
        /// of missing the cache a second time per step.
        var terminal: Int32 = -1
    }

    private var slots: [Slot] = Array(repeating: Slot(key: 0, value: 0), count: 64)
    private var mask = 63
    private(set) var count = 0

    /// The keys of every slot, 0 where empty (for a snapshot).
    var keys: [UInt64] { slots.map(\.key) }
    /// The values of every slot (for a snapshot).
    var values: [Int32] { slots.map(\.value) }

    init() {}

    /// A table over stored slots (as `keys` and `values` give them), `count` of them used.
    /// Nil when the slot count is no power of two of at least 64 or the arrays differ in size.
    init?(keys: [UInt64], values: [Int32], count: Int) {
        guard keys.count >= 64, keys.count & (keys.count - 1) == 0, values.count == keys.count, count < keys.count else { return nil }
        // One tight pass: this runs at every start-up for the gazetteer's trie.
        self.slots = [Slot](unsafeUninitializedCapacity: keys.count) { out, initialized in
            keys.withUnsafeBufferPointer { k in
                values.withUnsafeBufferPointer { v in
                    for i in 0..<k.count { out[i] = Slot(key: k[i], value: v[i]) }
                }
            }
            initialized = keys.count
        }
        self.mask = keys.count - 1
        self.count = count
    }

    /// A table that holds `capacity` keys before it grows.
    init(capacity: Int) {
        var size = 64
        while size * 3 < capacity * 4 { size *= 2 }
        slots = Array(repeating: Slot(key: 0, value: 0), count: size)
        mask = size - 1
    }

    @inline(__always)
    private func slot(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
    }

    @inline(__always)
    func find(_ key: UInt64) -> Int32? { slot(for: key)?.value }

    /// The slot under `key`: the node it leads to and that node's word slot.
    @inline(__always)
    func slot(for key: UInt64) -> Slot? {
        let k = key | (1 << 63)
        return slots.withUnsafeBufferPointer { table in
            var i = slot(k)
            while true {
                let stored = table[i]
                if stored.key == k { return stored }
                if stored.key == 0 { return nil }
                i = (i + 1) & mask
            }
        }
    }

    /// Records that a word ends at the node `key` leads to, in word slot `terminal`.
    mutating func setTerminal(_ terminal: Int32, forKey key: UInt64) {
        let k = key | (1 << 63)
        var i = slot(k)
        while slots[i].key != 0 {
            if slots[i].key == k {
                slots[i].terminal = terminal
                return
            }
            i = (i + 1) & mask
        }
    }

    /// Copies each node's word slot from `terminal` (by node) into the edge leading to
    /// it: a table read back from a snapshot stores only keys and values.
    mutating func copyTerminals(from terminal: [Int32]) {
        for i in slots.indices where slots[i].key != 0 {
            let node = Int(slots[i].value)
            slots[i].terminal = node < terminal.count ? terminal[node] : -1
        }
    }

    /// The value under `key`; when absent, stores `value` under it and returns it.
    /// One probe sequence for both, which is what building a large trie costs.
    mutating func findOrInsert(_ key: UInt64, _ value: Int32) -> Int32 {
        if (count + 1) * 4 > slots.count * 3 { grow() }
        let k = key | (1 << 63)
        var i = slot(k)
        while true {
            let stored = slots[i]
            if stored.key == k { return stored.value }
            if stored.key == 0 { break }
            i = (i + 1) & mask
        }
        slots[i] = Slot(key: k, value: value)
        count += 1
        return value
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: Slot(key: 0, value: 0), count: old.count * 2)
        mask = slots.count - 1
        for entry in old where entry.key != 0 {
            var j = slot(entry.key)
            while slots[j].key != 0 { j = (j + 1) & mask }
            slots[j] = entry
        }
    }
}

/// A Bloom filter with one hash over 64-bit keys that grows with what it holds (16
/// bits a key), keeping the keys to rebuild itself.
struct ScalarFilter: Sendable {
    private(set) var bits = [UInt64](repeating: 0, count: 8)
    private(set) var shift: UInt64 = 55
    private var keys = Set<UInt64>()
    /// Restored from a snapshot without its keys: a later insert cannot rebuild it, so
    /// it then answers "maybe" for every key.
    private var restored = false

    init() {}

    /// A filter restored from its bits and shift (a snapshot).
    init?(bits: [UInt64], shift: UInt64) {
        guard !bits.isEmpty, bits.count & (bits.count - 1) == 0, shift < 64, (64 - shift) == UInt64(bits.count.trailingZeroBitCount + 6) else { return nil }
        self.bits = bits
        self.shift = shift
        self.restored = true
    }

    @inline(__always)
    private func bit(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    mutating func insert(_ key: UInt64) {
        if restored {
            for i in bits.indices { bits[i] = ~0 }
            return
        }
        guard keys.insert(key).inserted else { return }
        if keys.count * 16 > bits.count * 64 {
            bits = [UInt64](repeating: 0, count: bits.count * 4)
            shift -= 2
            for k in keys { set(k) }
        } else {
            set(key)
        }
    }

    private mutating func set(_ key: UInt64) {
        let b = bit(key)
        bits[b >> 6] |= 1 << UInt64(b & 63)
    }

    /// False when `key` was never inserted; true when it was and, rarely, when not.
    @inline(__always)
    func mayContain(_ key: UInt64) -> Bool {
        let b = bit(key)
        return bits[b >> 6] & (1 << UInt64(b & 63)) != 0
    }
}
