/// Levenshtein distance over Unicode scalars, for "did you mean" suggestions.
public func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}

/// The candidates closest to `word` (case-insensitive), nearest first, at most
/// `limit`, and only those within half the word's length of it.
public func closestWords(to word: String, among candidates: [String], limit: Int = 3) -> [String] {
    let target = Array(word.lowercased().unicodeScalars)
    let scored = candidates.map { ($0, editDistance(target, Array($0.lowercased().unicodeScalars))) }
        .filter { $0.1 <= max(2, target.count / 2) }
        .sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }
    return Array(scored.prefix(limit).map(\.0))
}
