import GuanxiStore

/// PostgreSQL. SQL has one type per column, so values are held by the kind compiling
/// knows: integers `bigint`, floats `double precision`, strings `text`, booleans
/// `boolean`, nodes and relationships their `bigint` ids; everything whose kind only
/// the data knows (a property), and lists, maps and paths, `jsonb` (lists of one kind
/// of entity hold bare ids; beside other kinds entities are `TaggedText` strings). The
/// generator's expressions for this backend are in `SQLGenerator+Postgres*.swift`; the
/// functions they call, in `PostgresFunctions`.
struct PostgresDialect: SQLDialect {
    var backend: Backend { .postgresql }
    func quote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "''") + "'" }
    func list(_ items: [String]) -> String { items.isEmpty ? "'[]'::jsonb" : "jsonb_build_array(\(items.joined(separator: ", ")))" }
    func nested(_ list: String) -> String { list }
    func elements(_ list: String) -> String { "SELECT value FROM jsonb_array_elements(\(list)) AS e(value)" }
    func elementsTable(_ list: String, alias: String) -> String { "LATERAL jsonb_array_elements(\(list)) WITH ORDINALITY AS \(alias)(value, ordinality)" }
    func length(ofList list: String) -> String { "jsonb_array_length(\(list))" }
    func element(_ list: String, at index: String) -> String { "nullif(\(list) -> (\(index))::integer, 'null'::jsonb)" }
    func elementKind(_ list: String, at index: String) -> String { "NULL" }
    func mapValueKind(_ map: String, keyExpression key: String) -> String { "NULL" }
    func collect(_ value: String, distinct: Bool, nestedLists: Bool) -> String {
        distinct ? "gx_collect_distinct(\(value))" : "jsonb_agg(\(value)) FILTER (WHERE \(value) IS NOT NULL)"
    }
    func regexMatch(text: String, pattern: String) -> String { "(\(text) ~ ('^(?:' || \(pattern) || ')$'))" }
    func power(_ a: String, _ b: String) -> String { "power((\(a))::float8, (\(b))::float8)" }
    func startsWith(_ a: String, _ b: String) -> String { "starts_with(\(a), \(b))" }
    func endsWith(_ a: String, _ b: String) -> String { "(right(\(a), length(\(b))) = \(b))" }
    func contains(_ a: String, _ b: String) -> String { "(strpos(\(a), \(b)) > 0)" }
    func map(_ entries: [(String, String)]) -> String {
        entries.isEmpty ? "'{}'::jsonb" : "jsonb_build_object(\(entries.map { "\(quote($0.0))::text, \($0.1)" }.joined(separator: ", ")))"
    }
    func mapValue(_ map: String, key: String) -> String { "nullif(\(map) -> \(quote(key))::text, 'null'::jsonb)" }
    var trueLiteral: String { "TRUE" }
    var falseLiteral: String { "FALSE" }
}
