import GuanxiStore

/// What differs between SQL engines, kept behind one seam: the generator writes
/// standard SQL and asks the dialect for the rest. SQLite (`SQLiteDialect`) holds
/// lists as JSON text and values of any kind in its dynamically typed columns;
/// PostgreSQL (`PostgresDialect`) holds them as typed columns and `jsonb`, and has an
/// expression compiler of its own (`SQLGenerator+Postgres*.swift`).
protocol SQLDialect: Sendable {
    /// The database system the SQL is for.
    var backend: Backend { get }
    /// SQL's true and false, as a condition.
    var trueLiteral: String { get }
    var falseLiteral: String { get }
    /// A string literal.
    func quote(_ s: String) -> String
    /// A list built from element expressions.
    func list(_ items: [String]) -> String
    /// A list used as an element of another list.
    func nested(_ list: String) -> String
    /// A subquery yielding one row per element of a list (`value` column).
    func elements(_ list: String) -> String
    /// The elements as a table source, for UNWIND (`value` column).
    func elementsTable(_ list: String, alias: String) -> String
    func length(ofList list: String) -> String
    func element(_ list: String, at index: String) -> String
    /// The kind name (`list`, `map`, `boolean`, or NULL for the rest) of the element of
    /// a list at `index`, or of a map's value at `key` (a string expression).
    func elementKind(_ list: String, at index: String) -> String
    func mapValueKind(_ map: String, keyExpression key: String) -> String
    /// An aggregate collecting non-null values into a list.
    func collect(_ value: String, distinct: Bool, nestedLists: Bool) -> String
    func regexMatch(text: String, pattern: String) -> String
    func power(_ a: String, _ b: String) -> String
    func startsWith(_ a: String, _ b: String) -> String
    func endsWith(_ a: String, _ b: String) -> String
    func contains(_ a: String, _ b: String) -> String
    /// A map from key/value expression pairs.
    func map(_ entries: [(String, String)]) -> String
    func mapValue(_ map: String, key: String) -> String
}
