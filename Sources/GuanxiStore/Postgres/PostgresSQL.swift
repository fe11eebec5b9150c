import Foundation

/// The store's statements are written once, in the SQL both backends share; this turns
/// the few SQLite forms they use into PostgreSQL's: `?` and `?N` parameters into `$N`,
/// `INSERT OR IGNORE` and `INSERT OR REPLACE` into `ON CONFLICT`, `BEGIN IMMEDIATE`
/// into `BEGIN`. Quoted strings and identifiers are left as written.
enum PostgresSQL {
    /// The conflict target of each table an `INSERT OR REPLACE` writes.
    static let primaryKeys: [String: [String]] = [
        "meta": ["key"], "node_props": ["node", "key"], "edge_props": ["edge", "key"], "node_labels": ["node", "label"],
    ]

    /// The statement in PostgreSQL's dialect, and how many parameters it takes.
    static func translate(_ sql: String) -> (sql: String, parameters: Int) {
        var text = sql
        let trimmed = text.drop { $0 == " " || $0 == "\n" }
        if trimmed.hasPrefix("BEGIN IMMEDIATE") { return ("BEGIN", 0) }
        if trimmed.hasPrefix("INSERT OR IGNORE INTO ") {
            text = "INSERT INTO " + trimmed.dropFirst("INSERT OR IGNORE INTO ".count) + " ON CONFLICT DO NOTHING"
        } else if trimmed.hasPrefix("INSERT OR REPLACE INTO ") {
            let rest = trimmed.dropFirst("INSERT OR REPLACE INTO ".count)
            text = "INSERT INTO " + rest + upsert(rest)
        }
        return placeholders(text)
    }

    /// ` ON CONFLICT (…) DO UPDATE SET …` for `table(columns) VALUES …`.
    static func upsert(_ insert: Substring) -> String {
        guard let open = insert.firstIndex(of: "("), let close = insert.firstIndex(of: ")") else { return "" }
        let table = insert[..<open].trimmingCharacters(in: .whitespaces)
        let columns = insert[insert.index(after: open)..<close].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard let keys = primaryKeys[table] else { return "" }
        let others = columns.filter { !keys.contains($0) }
        if others.isEmpty { return " ON CONFLICT DO NOTHING" }
        return " ON CONFLICT (\(keys.joined(separator: ", "))) DO UPDATE SET "
            + others.map { "\($0) = EXCLUDED.\($0)" }.joined(separator: ", ")
    }

    /// `?` becomes `$1`, `$2`, … in order; `?N` becomes `$N`.
    static func placeholders(_ sql: String) -> (sql: String, parameters: Int) {
        var out = ""
        out.reserveCapacity(sql.utf8.count + 16)
        var quote: Character?
        var next = 0, highest = 0
        var chars = sql.makeIterator()
        var pending: Character? = chars.next()
        while let c = pending {
            pending = chars.next()
            if let q = quote {
                out.append(c)
                if c == q { quote = nil }
                continue
            }
            if c == "'" || c == "\"" {
                quote = c
                out.append(c)
            } else if c == "?" {
                var digits = ""
                while let d = pending, d.isASCII, d.isNumber {
                    digits.append(d)
                    pending = chars.next()
                }
                let n: Int
                if let given = Int(digits) { n = given } else { next += 1; n = next }
                highest = max(highest, n)
                out += "$\(n)"
            } else {
                out.append(c)
            }
        }
        return (out, highest)
    }
}
