import GuanxiStore

/// SQLite with its JSON1 functions; lists are JSON arrays in text.
struct SQLiteDialect: SQLDialect {
    var backend: Backend { .sqlite }
    var trueLiteral: String { "1" }
    var falseLiteral: String { "0" }
    func quote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "''") + "'" }
    func list(_ items: [String]) -> String { "json_array(\(items.joined(separator: ", ")))" }
    func nested(_ list: String) -> String { "json(\(list))" }
    func elements(_ list: String) -> String { "SELECT value FROM json_each(\(list))" }
    func elementsTable(_ list: String, alias: String) -> String { "json_each(\(list)) AS \(alias)" }
    func length(ofList list: String) -> String { "json_array_length(\(list))" }
    func element(_ list: String, at index: String) -> String { "json_extract(\(list), \(elementPath(index)))" }
    func elementKind(_ list: String, at index: String) -> String {
        "(CASE WHEN json_valid(\(list)) THEN \(kind(ofJSONType: "json_type(\(list), \(elementPath(index)))")) END)"
    }
    func mapValueKind(_ map: String, keyExpression key: String) -> String {
        "(CASE WHEN json_valid(\(map)) THEN \(kind(ofJSONType: "json_type(\(map), '$.\"' || \(key) || '\"')")) END)"
    }
    /// The JSON path of a list element; a negative index counts from the end.
    func elementPath(_ index: String) -> String {
        "(CASE WHEN (\(index)) >= 0 THEN '$[' || (\(index)) || ']' ELSE '$[#' || (\(index)) || ']' END)"
    }
    func kind(ofJSONType type: String) -> String {
        "(CASE \(type) WHEN 'array' THEN 'list' WHEN 'object' THEN 'map' WHEN 'true' THEN 'boolean' WHEN 'false' THEN 'boolean' END)"
    }
    func collect(_ value: String, distinct: Bool, nestedLists: Bool) -> String {
        let v = nestedLists ? "json(\(value))" : value
        return "json_group_array(\(distinct ? "DISTINCT " : "")\(v)) FILTER (WHERE \(value) IS NOT NULL)"
    }
    func regexMatch(text: String, pattern: String) -> String { "regexp_full(\(pattern), \(text))" }
    func power(_ a: String, _ b: String) -> String { "gx_pow(\(a), \(b))" }
    func startsWith(_ a: String, _ b: String) -> String {
        "(CASE WHEN typeof(\(a)) <> 'text' OR typeof(\(b)) <> 'text' THEN NULL ELSE substr(\(a), 1, length(\(b))) = \(b) END)"
    }
    func endsWith(_ a: String, _ b: String) -> String {
        "(CASE WHEN typeof(\(a)) <> 'text' OR typeof(\(b)) <> 'text' THEN NULL WHEN length(\(b)) = 0 THEN 1 ELSE substr(\(a), -length(\(b))) = \(b) END)"
    }
    func contains(_ a: String, _ b: String) -> String {
        "(CASE WHEN typeof(\(a)) <> 'text' OR typeof(\(b)) <> 'text' THEN NULL ELSE instr(\(a), \(b)) > 0 END)"
    }
    func map(_ entries: [(String, String)]) -> String {
        "json_object(\(entries.map { "\(quote($0.0)), \($0.1)" }.joined(separator: ", ")))"
    }
    func mapValue(_ map: String, key: String) -> String { "json_extract(\(map), \(quote("$.\"" + key + "\"")))" }
}
