import Foundation

/// Everyday words of one to four characters in an open-addressing hash table that
/// loads without parsing: `words.bin`, compiled from `words.tsv` by
/// `scripts/derive_lexicons.py`. A key packs up to four BMP scalars, 16 bits each.
public struct WordTable: Sendable {
    /// An ordinary word: its log probability (natural log × 100) and what kind of word it is.
    public struct Word: Sendable, Equatable {
        let payload: UInt32
        /// Log probability of the word in running text, natural log × 100.
        public var logProbability: Int32 { Int32(Int16(bitPattern: UInt16(truncatingIfNeeded: payload))) }
        /// A verb (jieba's v, vn, vd…).
        public var isVerb: Bool { payload & (1 << 16) != 0 }
        /// Tagged as a name by the source although it is an everyday word (智慧, 小平):
        /// never a name by itself, but it may be a given name.
        public var isNameTagged: Bool { payload & (1 << 17) != 0 }
        /// A verb, adverb, pronoun, preposition, time word or the like: never the first
        /// word of a name (举行, 积极, 去年, 一位).
        public var opensNoName: Bool { payload & (1 << 18) != 0 }
        /// A place, organisation or other proper name (jieba's ns, nt, nz, j).
        public var isProper: Bool { payload & (1 << 19) != 0 }
        /// An adjective (jieba's a, ad, an).
        public var isAdjective: Bool { payload & (1 << 20) != 0 }
        /// A time word or a numeral (jieba's t, m: 今年, 四季度, 一批).
        public var isTimeOrNumeral: Bool { payload & (1 << 21) != 0 }
    }

    /// A key and its payload side by side, so that a probe touches one cache line.
    struct Slot: Sendable {
        var key: UInt64
        var payload: UInt32
    }

    private var slots: [Slot] = []
    private var shift: UInt64 = 64
    private var mask = 0
    /// The entries of single CJK characters (U+3400…U+9FFF) read directly; 0 where none.
    private var singles: [UInt32] = []
    /// One bit per hashed pair of first characters of the entries of two or more
    /// characters: most pairs of a text start no word, and this rejects them without
    /// touching the large table.
    private var pairs: [UInt64] = []
    static let pairBits: UInt64 = 20
    static let singleBase: UInt32 = 0x3400
    static let singleEnd: UInt32 = 0xA000
    /// Entry flags: longer words extend this key; the key is only a prefix.
    static let extended: UInt32 = 1 << 30
    static let prefixOnly: UInt32 = 1 << 31
    /// The number of words.
    public private(set) var count = 0

    static let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
    static let magic = Array("GXWT".utf8)
    /// The longest word, in scalars.
    public static let maximumLength = 4

    /// An empty table.
    public init() {}

    /// Reads a compiled table.
    /// - Throws: `RuleFileError` when the file is missing, truncated or of another format.
    public static func load(_ path: String) throws -> WordTable {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RuleFileError(file: path, line: 0, message: "cannot read the compiled word table")
        }
        var table = WordTable()
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            guard raw.count >= 16, Array(raw[0..<4]) == magic,
                  raw.loadUnaligned(fromByteOffset: 4, as: UInt32.self).littleEndian == 2
            else {
                throw RuleFileError(file: path, line: 0, message: "not a compiled word table of format 2; run scripts/derive_lexicons.py --compile")
            }
            let bits = Int(raw.loadUnaligned(fromByteOffset: 8, as: UInt32.self).littleEndian)
            let count = Int(raw.loadUnaligned(fromByteOffset: 12, as: UInt32.self).littleEndian)
            guard bits >= 4 && bits <= 24, raw.count == 16 + (1 << bits) * 12 else {
                throw RuleFileError(file: path, line: 0, message: "the compiled word table is truncated; run scripts/derive_lexicons.py --compile")
            }
            let capacity = 1 << bits
            table.slots = [Slot](unsafeUninitializedCapacity: capacity) { out, initialized in
                for i in 0..<capacity {
                    out[i] = Slot(key: raw.loadUnaligned(fromByteOffset: 16 + 8 * i, as: UInt64.self).littleEndian,
                                  payload: raw.loadUnaligned(fromByteOffset: 16 + 8 * capacity + 4 * i, as: UInt32.self).littleEndian)
                }
                initialized = capacity
            }
            table.shift = UInt64(64 - bits)
            table.mask = capacity - 1
            table.count = count
        }
        table.singles = [UInt32](repeating: 0, count: Int(singleEnd - singleBase))
        table.pairs = [UInt64](repeating: 0, count: 1 << (Int(pairBits) - 6))
        for entry in table.slots where entry.key != 0 {
            let key = entry.key
            if key < UInt64(singleEnd) && key >= UInt64(singleBase) {
                table.singles[Int(key) - Int(singleBase)] = entry.payload
            }
            var pair = key
            while pair > 0xFFFF_FFFF { pair >>= 16 }
            if pair > 0xFFFF { table.setPair(pair) }
        }
        return table
    }

    @inline(__always)
    private func pairIndex(_ pair: UInt64) -> Int {
        Int(truncatingIfNeeded: (pair &* Self.multiplier) >> (64 - Self.pairBits))
    }

    private mutating func setPair(_ pair: UInt64) {
        let i = pairIndex(pair)
        pairs[i >> 6] |= 1 << UInt64(i & 63)
    }

    /// The payload stored under `key`, 0 when none.
    @inline(__always)
    private func entry(_ key: UInt64) -> UInt32 {
        if key < UInt64(Self.singleEnd) && key >= UInt64(Self.singleBase) { return singles[Int(key) - Int(Self.singleBase)] }
        if key > 0xFFFF && key <= 0xFFFF_FFFF {
            let i = pairIndex(key)
            if pairs[i >> 6] & (1 << UInt64(i & 63)) == 0 { return 0 }
        }
        return slots.withUnsafeBufferPointer { table in
            var slot = Int(truncatingIfNeeded: (key &* Self.multiplier) >> shift)
            while true {
                let stored = table[slot]
                if stored.key == key { return stored.payload }
                if stored.key == 0 { return 0 }
                slot = (slot + 1) & mask
            }
        }
    }

    @inline(__always)
    private func lookup(_ key: UInt64) -> Word? {
        let e = entry(key)
        return e == 0 || e & Self.prefixOnly != 0 ? nil : Word(payload: e)
    }

    /// Calls `body` with the length and the word of every word that starts at `start`
    /// and ends by `limit`, shortest first.
    @inline(__always)
    public func forEachMatch(in text: [Unicode.Scalar], from start: Int, limit: Int? = nil, _ body: (Int, Word) -> Void) {
        let end = min(text.count, limit ?? text.count, start + Self.maximumLength)
        guard start < end, !slots.isEmpty else { return }
        var key: UInt64 = 0
        for p in start..<end {
            let v = text[p].value
            guard v > 0 && v < 0x10000 else { return }
            key = key << 16 | UInt64(v)
            let e = entry(key)
            if e == 0 { return }
            if e & Self.prefixOnly == 0 { body(p + 1 - start, Word(payload: e)) }
            if e & Self.extended == 0 { return }
        }
    }

    /// The longest word that starts at `start` and ends by `limit`.
    public func longestMatch(in text: [Unicode.Scalar], from start: Int, limit: Int? = nil) -> (length: Int, word: Word)? {
        var best: (length: Int, word: Word)?
        forEachMatch(in: text, from: start, limit: limit) { best = ($0, $1) }
        return best
    }

    /// The word `scalars` spell, if it is one.
    public func word<C: Collection>(_ scalars: C) -> Word? where C.Element == Unicode.Scalar {
        guard !scalars.isEmpty, scalars.count <= Self.maximumLength, !slots.isEmpty else { return nil }
        var key: UInt64 = 0
        for s in scalars {
            guard s.value > 0 && s.value < 0x10000 else { return nil }
            key = key << 16 | UInt64(s.value)
        }
        return lookup(key)
    }

    /// True when `scalars` spell a word jieba does not tag as a person's name: the
    /// everyday words a name can never be (文章, 强调; not the famous names jieba lists).
    public func containsOrdinaryWord<C: Collection>(_ scalars: C) -> Bool where C.Element == Unicode.Scalar {
        word(scalars).map { !$0.isNameTagged } ?? false
    }

    /// True when `scalars` spell a word.
    public func contains<C: Collection>(_ scalars: C) -> Bool where C.Element == Unicode.Scalar { word(scalars) != nil }
}
