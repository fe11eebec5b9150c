import Foundation

/// A key of the store's session caches: text hashed and compared by its UTF-8 bytes,
/// as SQLite compares text (`BINARY`), not by Unicode canonical equivalence, which
/// normalises every non-ASCII string it hashes. Node keys are mostly Chinese names;
/// hashing them as `String` took a tenth of a build's writer.
struct StoreKey: Hashable {
    let text: String

    init(_ text: String) { self.text = text }

    static func == (a: StoreKey, b: StoreKey) -> Bool {
        let (x, y) = (a.text.utf8, b.text.utf8)
        guard x.count == y.count else { return false }
        // One memcmp over the contiguous bytes (every native string has them): the
        // generic comparison stepped through both views a byte at a time, and a
        // build's cache lookups spent 3 % of the writer there.
        let equal: Bool?? = x.withContiguousStorageIfAvailable { p in
            y.withContiguousStorageIfAvailable { q in
                guard let pa = p.baseAddress, let qa = q.baseAddress else { return p.count == q.count }
                return memcmp(pa, qa, p.count) == 0
            }
        }
        if let equal = equal ?? nil { return equal }
        return x.elementsEqual(y)
    }

    func hash(into hasher: inout Hasher) {
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        if done == nil {
            for byte in text.utf8 { hasher.combine(byte) }
        }
    }
}

/// A session cache key for something of one node or fact: a label, a property.
struct OwnedKey: Hashable {
    let owner: Int64
    let name: StoreKey
}

/// A session cache key for a fact by its subject, predicate and object ids.
struct TripleKey: Hashable {
    let s: Int64, p: Int64, o: Int64
}
