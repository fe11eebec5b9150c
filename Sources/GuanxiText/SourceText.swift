/// An article as read from disk: its name and its text as Unicode scalars.
///
/// Offsets everywhere in Guanxi are indices into `scalars`, which equal Python `str`
/// indices of the file read as UTF-8 with a leading byte-order mark removed
/// (`encoding="utf-8-sig"`).
public struct SourceText: Sendable {
    /// The file name the article is known by (`000_x.txt`), used as `doc` in output.
    public let name: String
    /// The path it was read from.
    public let path: String
    /// The decoded text.
    public let scalars: [Unicode.Scalar]
    /// The encoding the bytes were decoded from (`UTF-8`, `UTF-8 with BOM`).
    public let encoding: String
    /// Offsets at which each line starts; `lineStarts[0] == 0`.
    public let lineStarts: [Int]

    /// Creates a source text from decoded scalars.
    public init(name: String, path: String, scalars: [Unicode.Scalar], encoding: String = "UTF-8") {
        self.name = name
        self.path = path
        self.scalars = scalars
        self.encoding = encoding
        var starts = [0]
        for (i, s) in scalars.enumerated() where s == "\n" { starts.append(i + 1) }
        self.lineStarts = starts
    }

    /// Creates a source text from a Swift string (tests, stdin).
    public init(name: String, text: String) {
        self.init(name: name, path: name, scalars: Array(text.unicodeScalars))
    }

    /// The 1-based line number that holds `offset`.
    /// - Complexity: O(log n) in the number of lines.
    public func line(of offset: Int) -> Int {
        var lo = 0
        var hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return lo + 1
    }

    /// True when the file holds nothing but white space (and a byte-order mark):
    /// nothing to extract.
    public var isBlank: Bool {
        scalars.allSatisfy { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" || $0.value == 0x3000 || $0.value == 0xFEFF }
    }

    /// The text between two scalar offsets.
    public func text(_ range: Range<Int>) -> String {
        let lower = max(0, min(range.lowerBound, scalars.count))
        let upper = max(lower, min(range.upperBound, scalars.count))
        return String(scalars: scalars[lower..<upper])
    }
}
