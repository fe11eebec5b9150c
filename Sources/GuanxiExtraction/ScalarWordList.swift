/// Short word lists the rules spell out in code (verbs of appointment, honorifics,
/// event heads), matched in place in a sentence's scalars; the lists users extend live
/// in rule files and tries instead.
extension Array where Element == [Unicode.Scalar] {
    /// The first word of the list that starts at `position` in `text` and ends by
    /// `limit` (the text's end when nil).
    func word(startingAt position: Int, in text: [Unicode.Scalar], limit: Int? = nil) -> [Unicode.Scalar]? {
        let end = Swift.min(limit ?? text.count, text.count)
        guard position >= 0 else { return nil }
        return first { position + $0.count <= end && text[position..<(position + $0.count)].elementsEqual($0) }
    }

    /// The first word of the list that ends at `end` in `text`.
    func word(endingAt end: Int, in text: [Unicode.Scalar]) -> [Unicode.Scalar]? {
        guard end <= text.count else { return nil }
        return first { end >= $0.count && text[(end - $0.count)..<end].elementsEqual($0) }
    }
}
