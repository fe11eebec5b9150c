import GuanxiText

/// Names from the rule files (names that are no entity, generic stems, places abroad),
/// looked up by their UTF-8 bytes: a `Set<String>` normalised every Chinese name it
/// was asked about, a few thousand instructions a lookup on every candidate name.
public struct NameSet: Sendable, ExpressibleByArrayLiteral {
    private var keys = Set<FormKey>()

    /// An empty set.
    public init() {}

    /// The set of `names`.
    public init(arrayLiteral names: String...) {
        for name in names { insert(name) }
    }

    /// Adds `name`.
    public mutating func insert(_ name: String) { keys.insert(FormKey(name)) }

    /// True when `name` is in the set, byte for byte.
    public func contains(_ name: String) -> Bool { keys.contains(FormKey(name)) }

    /// The number of names.
    public var count: Int { keys.count }

    /// True when the set holds no name.
    public var isEmpty: Bool { keys.isEmpty }
}

/// A name as a set's or dictionary's key: hashed and compared by its UTF-8 bytes.
/// A `String` key hashes its normalised form, which for Chinese text costs several
/// times the lookup itself; names and rule entries are normalised already.
struct FormKey: Hashable {
    let text: String

    init(_ text: String) { self.text = text }

    func hash(into hasher: inout Hasher) {
        if text.utf8.withContiguousStorageIfAvailable({ hasher.combine(bytes: UnsafeRawBufferPointer($0)) }) != nil { return }
        // The same bytes whichever way they are read, so the same hash.
        var text = text
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }

    static func == (a: FormKey, b: FormKey) -> Bool {
        a.text.utf8.count == b.text.utf8.count && a.text.hasBytePrefix(b.text)
    }
}
