/// The role a stretch of an article plays on the page.
public enum SegmentKind: String, Sendable, Codable, CaseIterable {
    /// A title line at the top of the article.
    case headline
    /// A section heading inside the article.
    case heading
    /// A reporter or photo credit (`本报记者…`, `…供图`).
    case byline
    /// A photo caption between paragraphs.
    case caption
    /// Running text.
    case body
}

/// A paragraph of the article after repair, with the sentences it splits into.
public struct Segment: Sendable {
    /// What the segment is.
    public var kind: SegmentKind
    /// Its sentences, in reading order.
    public var sentences: [Sentence]
    /// The 1-based line of the original file where it starts.
    public var line: Int
}

/// A sentence in matching form, with every scalar mapped back to the original file.
public struct Sentence: Sendable {
    /// The normalised scalars used for matching (full-width forms made half-width).
    public let text: [Unicode.Scalar]
    /// For each scalar of `text`, its offset in the original `SourceText.scalars`.
    public let offsets: [Int]
    /// For each scalar of `text`, the scalar as the article wrote it (traditional
    /// characters, full-width forms).
    public let original: [Unicode.Scalar]
    /// The kind of segment the sentence belongs to.
    public let kind: SegmentKind
    /// Index of the sentence in the document (0-based, reading order).
    public let index: Int

    /// Creates a sentence; `offsets.count` must equal `text.count`.
    public init(text: [Unicode.Scalar], offsets: [Int], kind: SegmentKind, index: Int, original: [Unicode.Scalar]? = nil) {
        self.text = text
        self.offsets = offsets
        self.original = original ?? text
        self.kind = kind
        self.index = index
    }

    /// The original offsets `[start, end)` of the sentence-local range `range`.
    public func originalRange(_ range: Range<Int>) -> Range<Int> {
        guard !range.isEmpty, range.lowerBound >= 0, range.upperBound <= offsets.count else {
            let at = range.lowerBound < offsets.count ? offsets[max(0, range.lowerBound)] : (offsets.last ?? 0)
            return at..<at
        }
        return offsets[range.lowerBound]..<(offsets[range.upperBound - 1] + 1)
    }

    /// The matching form of the sentence-local range as a string.
    public func string(_ range: Range<Int>) -> String {
        String(scalars: text[range.clamped(to: 0..<text.count)])
    }

    /// The range as the article wrote it.
    public func written(_ range: Range<Int>) -> String {
        String(scalars: original[range.clamped(to: 0..<original.count)])
    }

    /// The whole sentence in matching form.
    public var string: String { string(0..<text.count) }
}
