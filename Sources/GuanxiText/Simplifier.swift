import Foundation

/// Traditional Chinese characters to simplified ones, for matching: an article from a
/// Taiwan or Hong Kong outlet is matched against the same rules and gazetteer as its
/// simplified twin, while its names and offsets stay as written.
public enum Simplifier {
    /// The table, read once from the package's `TraditionalToSimplified.txt`
    /// (derived from OpenCC's dictionaries, Apache-2.0): U+3400…U+9FFF as a flat
    /// array (0: no mapping), so that the common case costs one load, and the few
    /// characters beyond in a dictionary.
    static let tables: (dense: [UInt32], beyond: [UInt32: Unicode.Scalar]) = {
        var dense = [UInt32](repeating: 0, count: 0xA000 - 0x3400)
        var beyond: [UInt32: Unicode.Scalar] = [:]
        guard let url = Bundle.module.url(forResource: "TraditionalToSimplified", withExtension: "txt"),
              let data = try? Data(contentsOf: url) else { return (dense, beyond) }
        // One pass over the scalars (this runs at every start-up): a line that is
        // exactly one scalar, a tab and one scalar is an entry; comments and anything
        // else are skipped.
        var line: [Unicode.Scalar] = []
        func take() {
            defer { line.removeAll(keepingCapacity: true) }
            guard line.count == 3, line[1] == "\t", line[0] != "#" else { return }
            let t = line[0].value
            if t >= 0x3400 && t < 0xA000 { dense[Int(t) - 0x3400] = line[2].value } else { beyond[t] = line[2] }
        }
        for s in String(decoding: data, as: UTF8.self).unicodeScalars {
            if s == "\n" { take() } else if s != "\r" { line.append(s) }
        }
        take()
        return (dense, beyond)
    }()

    /// The flat part of `tables`, on its own so that a lookup reads one array.
    static let dense: [UInt32] = tables.dense

    /// `s` in simplified form (itself when it has none).
    @inline(__always)
    public static func simplified(_ s: Unicode.Scalar) -> Unicode.Scalar { simplified(s, in: dense) }

    /// `s` in simplified form, `table` being `dense` read once by the caller.
    @inline(__always)
    static func simplified(_ s: Unicode.Scalar, in table: [UInt32]) -> Unicode.Scalar {
        let v = s.value
        if v < 0x3400 { return s }
        if v < 0xA000 {
            let mapped = table[Int(v) - 0x3400]
            return mapped == 0 ? s : (Unicode.Scalar(mapped) ?? s)
        }
        return tables.beyond[v] ?? s
    }

    /// `text` in simplified form, character by character.
    public static func simplified(_ text: String) -> String {
        String(scalars: simplified(text.unicodeScalars))
    }

    /// `scalars` in simplified form, each first passed through `prepare`. The table is
    /// read once for the run, not once a scalar (every read of a global is a call to
    /// `swift_once` on Linux, and the segmenter runs this over every character).
    /// Written into uninitialised storage: `map` cost a measurable share more.
    public static func simplified<C: Collection>(_ scalars: C, prepare: (Unicode.Scalar) -> Unicode.Scalar = { $0 }) -> [Unicode.Scalar]
    where C.Element == Unicode.Scalar {
        let table = dense
        let count = scalars.count
        return [Unicode.Scalar](unsafeUninitializedCapacity: count) { buffer, initialized in
            var k = 0
            for s in scalars where k < count {
                buffer[k] = simplified(prepare(s), in: table)
                k += 1
            }
            initialized = k
        }
    }
}
