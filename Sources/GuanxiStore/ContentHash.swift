import Foundation

/// A content hash for documents: FNV-1a over the UTF-8 bytes, 64 bits, with the
/// length, written `fnv1a64:<hex>:<bytes>`. Building the same file twice finds it by
/// this key; a changed file gets a new one.
public enum ContentHash {
    /// The hash of `scalars` as UTF-8.
    public static func of(_ scalars: [Unicode.Scalar]) -> String {
        var hash = Accumulator()
        for s in scalars {
            let v = s.value
            if v < 0x80 {
                hash.add(v)
            } else if v < 0x800 {
                hash.add(0xC0 | v >> 6); hash.add(0x80 | v & 0x3F)
            } else if v < 0x10000 {
                hash.add(0xE0 | v >> 12); hash.add(0x80 | (v >> 6) & 0x3F); hash.add(0x80 | v & 0x3F)
            } else {
                hash.add(0xF0 | v >> 18); hash.add(0x80 | (v >> 12) & 0x3F); hash.add(0x80 | (v >> 6) & 0x3F); hash.add(0x80 | v & 0x3F)
            }
        }
        return hash.text
    }

    /// The hash of the bytes of the file at `path`, read a megabyte at a time (a graph
    /// file to import may be larger than memory should hold); nil when it cannot be read.
    public static func of(fileAt path: String) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        var hash = Accumulator()
        while true {
            let chunk = handle.readData(ofLength: 1 << 20)
            if chunk.isEmpty { break }
            chunk.withUnsafeBytes { bytes in
                for b in bytes { hash.add(UInt32(b)) }
            }
        }
        return hash.text
    }

    /// FNV-1a over bytes, counting them.
    struct Accumulator {
        private var h: UInt64 = 0xcbf2_9ce4_8422_2325
        private var count = 0

        /// Adds the low byte of `b`.
        @inline(__always)
        mutating func add(_ b: UInt32) {
            h ^= UInt64(b & 0xFF)
            h = h &* 0x100_0000_01b3
            count += 1
        }

        /// `fnv1a64:<16 hex digits>:<bytes>`.
        var text: String {
            let hex = String(h, radix: 16)
            return "fnv1a64:" + String(repeating: "0", count: 16 - hex.count) + hex + ":\(count)"
        }
    }
}
