/// What an export shows of one fact's provenance rows, folded as the rows arrive in any
/// order: the row it shows (the first from a document by id, else the first), when the
/// fact was first and last reported, by how many documents, and the date its sentences
/// give it. Ties break as SQLite's `ORDER BY` would: text by its bytes, NULL first
/// ascending and last descending, lengths in characters.
struct ProvenanceSummary {
    /// The evidence, document and rule of the row shown, with its row id.
    struct Shown {
        var id: Int64
        var evidence: String?
        var document: Int64?
        var rule: String?
    }

    /// A publication date with the interval bound it sorts by.
    struct Reported {
        var bound: String
        var published: String?
    }

    private var firstFromDocument: Shown?
    private var firstOfAny: Shown?
    private(set) var firstReported: Reported?
    private(set) var lastReported: Reported?
    private(set) var documents: Set<Int64> = []
    private(set) var date: String?

    /// The row an export shows: the first from a document, else the first of any source.
    var shown: Shown? { firstFromDocument ?? firstOfAny }

    /// Folds in the current row of a statement whose columns are, from 1: id, source,
    /// document, published, published_start, published_end, date, evidence and rule.
    mutating func add(_ row: Statement) {
        guard let id = row.column(1).integer else { return }
        let fromDocument = row.column(2).text == "document"
        if fromDocument, let document = row.column(3).integer { documents.insert(document) }
        if fromDocument, firstFromDocument.map({ id < $0.id }) ?? true { firstFromDocument = Self.shown(row, id: id) }
        if firstOfAny.map({ id < $0.id }) ?? true { firstOfAny = Self.shown(row, id: id) }
        let published = row.column(4).text
        if let start = row.column(5).text {
            let candidate = Reported(bound: start, published: published)
            if firstReported.map({ Self.reportedFirst(candidate, $0, boundAscending: true) }) ?? true { firstReported = candidate }
        }
        if let end = row.column(6).text {
            let candidate = Reported(bound: end, published: published)
            if lastReported.map({ Self.reportedFirst(candidate, $0, boundAscending: false) }) ?? true { lastReported = candidate }
        }
        if let date = row.column(7).text, self.date.map({ Self.longerThenLower(date, $0) }) ?? true { self.date = date }
    }

    private static func shown(_ row: Statement, id: Int64) -> Shown {
        Shown(id: id, evidence: row.column(8).text, document: row.column(3).integer, rule: row.column(9).text)
    }

    /// `ORDER BY bound [DESC], length(published) DESC, published`: whether `a` sorts before `b`.
    static func reportedFirst(_ a: Reported, _ b: Reported, boundAscending: Bool) -> Bool {
        if a.bound != b.bound { return boundAscending ? bytesBefore(a.bound, b.bound) : bytesBefore(b.bound, a.bound) }
        switch (a.published, b.published) {
        case (nil, nil): return false
        // NULL lengths come last descending; then NULL comes first ascending, which
        // no longer matters: both are NULL or both are not.
        case (nil, _): return false
        case (_, nil): return true
        case let (x?, y?): return longerThenLower(x, y)
        }
    }

    /// `ORDER BY length(x) DESC, x`: whether `a` sorts before `b`.
    static func longerThenLower(_ a: String, _ b: String) -> Bool {
        let (m, n) = (a.unicodeScalars.count, b.unicodeScalars.count)
        return m != n ? m > n : bytesBefore(a, b)
    }

    /// SQLite's BINARY collation: text compared by its UTF-8 bytes.
    static func bytesBefore(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }
}
