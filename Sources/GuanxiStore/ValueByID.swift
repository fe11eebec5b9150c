/// A text column read by row id and remembered: the names of terms (relations, labels,
/// property keys) and documents, which a scan over facts or nodes meets again on nearly
/// every row. Reading them through a cache, not a join, lets each scan run in the order
/// of its own key, with no sort.
final class ValueByID {
    private let statement: Statement
    private var cache: [Int64: String?] = [:]

    /// `sql` takes the row id as its one parameter and returns the text first.
    init(_ database: Database, _ sql: String) throws {
        statement = try database.prepare(sql)
    }

    /// The text of row `id`, or nil when there is no such row or its text is NULL.
    func value(_ id: Int64) throws -> String? {
        if let known = cache[id] { return known }
        let value = try statement.first([.integer(id)])?.first?.text
        cache[id] = value
        return value
    }

    /// The names of interned terms.
    static func terms(_ database: Database) throws -> ValueByID {
        try ValueByID(database, "SELECT value FROM terms WHERE id = ?")
    }
}
