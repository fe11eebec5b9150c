/// A content hash for documents: FNV-1a over the UTF-8 bytes, 64 bits, with the
/// length, written `fnv1a64:<hex>:<bytes>`. Building the same file twice finds it by
/// this key; a changed file gets a new one.
public enum ContentHash {
    /// The hash of `scalars` as UTF-8.
    public static func of(_ scalars: [Unicode.Scalar]) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        var count = 0
        @inline(__always) func byte(_ b: UInt32) {
            h ^= UInt64(b & 0xFF)
            h = h &* 0x100_0000_01b3
            count += 1
        }
        for s in scalars {
            let v = s.value
            if v < 0x80 {
                byte(v)
            } else if v < 0x800 {
                byte(0xC0 | v >> 6); byte(0x80 | v & 0x3F)
            } else if v < 0x10000 {
                byte(0xE0 | v >> 12); byte(0x80 | (v >> 6) & 0x3F); byte(0x80 | v & 0x3F)
            } else {
                byte(0xF0 | v >> 18); byte(0x80 | (v >> 12) & 0x3F); byte(0x80 | (v >> 6) & 0x3F); byte(0x80 | v & 0x3F)
            }
        }
        let hex = String(h, radix: 16)
        return "fnv1a64:" + String(repeating: "0", count: 16 - hex.count) + hex + ":\(count)"
    }
}
