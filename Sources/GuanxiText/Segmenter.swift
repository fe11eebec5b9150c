/// Turns a scanned article into segments and sentences, repairing scanner damage.
///
/// - A sentence broken across a blank line (`惠企` / `政策`) is joined again.
/// - A paragraph printed twice is read once.
/// - Headlines, section headings, bylines and photo captions become segments of
///   their own, so they never glue onto the next sentence.
public struct Segmenter: Sendable {
    /// An unterminated paragraph at least this long is running text cut by the scanner.
    public var minimumBrokenLength = 20
    /// A following paragraph shorter than this is a heading, never a continuation.
    public var minimumContinuationLength = 12
    /// Lines this long or longer are never headlines or headings.
    public var maximumHeadingLength = 40
    /// A paragraph set apart by two or more blank lines and at most this long is a caption.
    public var maximumCaptionLength = 45
    /// A sentence longer than this (scanner damage, lists, a whole article without a
    /// full stop) is cut at its last comma or pause before the limit, or at the limit,
    /// so that no sentence makes the analyser's work grow without bound.
    public var maximumSentenceLength = 400

    /// Creates a segmenter with the default thresholds.
    public init() {}

    /// A non-blank line of the original file.
    struct Block {
        var range: Range<Int>
        var gapBefore: Int
        var text: [Unicode.Scalar]
        var original: [Unicode.Scalar]
        var terminated: Bool
        var openQuotes: Int
    }

    /// Splits `source` into repaired segments.
    /// - Complexity: O(n) in the length of the text.
    public func segment(_ source: SourceText) -> [Segment] {
        let blocks = makeBlocks(source.scalars)
        var paragraphs: [[Block]] = []
        for block in blocks {
            if let last = paragraphs.last?.last, canJoin(last, block, head: paragraphs[paragraphs.count - 1]) {
                paragraphs[paragraphs.count - 1].append(block)
            } else {
                paragraphs.append([block])
            }
        }
        var seen: [UInt64: [[Unicode.Scalar]]] = [:]
        var segments: [Segment] = []
        var sentenceIndex = 0
        var bodySeen = false
        for paragraph in paragraphs {
            // A paragraph of one line (most of them) shares that line's arrays; a longer
            // one is copied once into arrays of its full length.
            var text = paragraph[0].text
            var original = paragraph[0].original
            var offsets = Array(paragraph[0].range)
            if paragraph.count > 1 {
                let length = paragraph.reduce(0) { $0 + $1.text.count }
                text.reserveCapacity(length)
                original.reserveCapacity(length)
                offsets.reserveCapacity(length)
                for block in paragraph.dropFirst() {
                    text.append(contentsOf: block.text)
                    original.append(contentsOf: block.original)
                    offsets.append(contentsOf: block.range)
                }
            }
            if text.count >= 8 {
                // A repeated paragraph (a page's header or footer twice) is read once.
                // Hashed in one multiply a scalar; equal hashes are compared in full.
                var hash: UInt64 = 0xCBF2_9CE4_8422_2325
                for c in text { hash = (hash ^ UInt64(c.value)) &* 0x100_0000_01B3 }
                if seen[hash]?.contains(text) ?? false { continue }
                seen[hash, default: []].append(text)
            }
            let kind = classify(paragraph, text: text, bodySeen: bodySeen)
            if kind == .body { bodySeen = true }
            let sentences = split(text: text, offsets: offsets, original: original, kind: kind, firstIndex: sentenceIndex)
            sentenceIndex += sentences.count
            segments.append(Segment(kind: kind, sentences: sentences, line: source.line(of: paragraph[0].range.lowerBound)))
        }
        return segments
    }

    func makeBlocks(_ scalars: [Unicode.Scalar]) -> [Block] {
        var blocks: [Block] = []
        var gap = 0
        var lineStart = 0
        var i = 0
        let n = scalars.count
        while i <= n {
            if i == n || scalars[i] == "\n" {
                var lo = lineStart
                var hi = i
                while lo < hi && ScalarClass.isSpace(scalars[lo]) { lo += 1 }
                while hi > lo && ScalarClass.isSpace(scalars[hi - 1]) { hi -= 1 }
                if lo == hi {
                    gap += 1
                } else {
                    let text = Simplifier.simplified(scalars[lo..<hi], prepare: ScalarClass.normalized)
                    var opens = 0
                    for s in text {
                        if s == "\u{201C}" || s == "\u{300C}" { opens += 1 }
                        if s == "\u{201D}" || s == "\u{300D}" { opens -= 1 }
                    }
                    blocks.append(Block(range: lo..<hi, gapBefore: gap, text: text, original: Array(scalars[lo..<hi]),
                                        terminated: Self.isTerminated(text), openQuotes: opens))
                    gap = 0
                }
                lineStart = i + 1
            }
            i += 1
        }
        return blocks
    }

    static func isTerminated(_ text: [Unicode.Scalar]) -> Bool {
        var j = text.count - 1
        while j >= 0 && ScalarClass.isClosingQuote(text[j]) { j -= 1 }
        guard j >= 0 else { return true }
        return ScalarClass.isSentenceEnd(text[j]) || text[j] == "\u{2026}"
    }

    static let functionEndings: ScalarSet = ["是", "的", "了", "和", "与", "及", "在", "为", "把", "将", "对", "、", ",", "以", "由"]

    func canJoin(_ previous: Block, _ next: Block, head: [Block]) -> Bool {
        if previous.terminated || next.gapBefore > 1 { return false }
        // The rest of a broken sentence ends a sentence or runs long; a short line
        // without an ending is a heading.
        guard next.text.count >= minimumContinuationLength, next.terminated || next.text.count >= maximumHeadingLength,
              let first = next.text.first,
              !ScalarClass.isOpeningQuote(first), !Self.looksLikeByline(next.text)
        else { return false }
        if Self.looksLikeByline(previous.text) { return false }
        let quotes = head.reduce(0) { $0 + $1.openQuotes }
        let last = previous.text[previous.text.count - 1]
        let length = head.reduce(0) { $0 + $1.text.count }
        return quotes > 0 || length >= minimumBrokenLength || Self.functionEndings.contains(last)
    }

    static let bylineWords: [[Unicode.Scalar]] = ["记者", "通讯员", "供图", "摄影", "图片由"].map { Array($0.unicodeScalars) }

    static func looksLikeByline(_ text: [Unicode.Scalar]) -> Bool {
        guard text.count <= 60 else { return false }
        for word in bylineWords where contains(text, word) {
            // A byline names people, not events: no sentence punctuation inside.
            if !text.contains(where: { $0 == "," || $0 == "\u{3002}" }) || text.first == "(" { return true }
        }
        return false
    }

    static func contains(_ text: [Unicode.Scalar], _ word: [Unicode.Scalar]) -> Bool {
        guard word.count <= text.count else { return false }
        var i = 0
        while i + word.count <= text.count {
            if text[i] == word[0] && Array(text[i..<(i + word.count)]) == word { return true }
            i += 1
        }
        return false
    }

    func classify(_ paragraph: [Block], text: [Unicode.Scalar], bodySeen: Bool) -> SegmentKind {
        if Self.looksLikeByline(text) { return .byline }
        let short = text.count < maximumHeadingLength
        let terminated = Self.isTerminated(text)
        if paragraph.count == 1 && short && !terminated { return bodySeen ? .heading : .headline }
        if paragraph.count == 1 && paragraph[0].gapBefore >= 2 && text.count <= maximumCaptionLength { return .caption }
        if text.first == "(" && text.last == ")" && text.count <= 60 { return .caption }
        return .body
    }

    func split(text: [Unicode.Scalar], offsets: [Int], original: [Unicode.Scalar], kind: SegmentKind, firstIndex: Int) -> [Sentence] {
        var sentences: [Sentence] = []
        var start = 0
        var i = 0
        let n = text.count
        func emitPiece(_ lo: Int, _ end: Int) {
            sentences.append(Sentence(text: Array(text[lo..<end]), offsets: Array(offsets[lo..<end]),
                                      kind: kind, index: firstIndex + sentences.count, original: Array(original[lo..<end])))
        }
        func emit(_ end: Int) {
            var lo = start
            while lo < end && ScalarClass.isSpace(text[lo]) { lo += 1 }
            while end - lo > maximumSentenceLength {
                var cut = lo + maximumSentenceLength
                var k = cut - 1
                while k > lo + maximumSentenceLength / 2 && !ScalarClass.isPhraseBreak(text[k]) { k -= 1 }
                if ScalarClass.isPhraseBreak(text[k]) { cut = k + 1 }
                emitPiece(lo, cut)
                lo = cut
            }
            if lo < end { emitPiece(lo, end) }
            start = end
        }
        while i < n {
            if ScalarClass.isSentenceEnd(text[i]) {
                var j = i + 1
                while j < n && (ScalarClass.isSentenceEnd(text[j]) || ScalarClass.isClosingQuote(text[j]) && text[j] != ")") { j += 1 }
                emit(j)
                i = j
            } else {
                i += 1
            }
        }
        emit(n)
        return sentences
    }
}
