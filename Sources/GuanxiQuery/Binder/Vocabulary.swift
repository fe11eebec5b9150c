import GuanxiStore

/// The labels, relation types and property keys a store holds, for binding names and
/// for "did you mean" when a query names one it does not hold.
struct Vocabulary: Sendable {
    var terms: [String: Int64] = [:]
    var labels = Set<String>()
    var relationTypes = Set<String>()
    var nodeKeys = Set<String>()
    var edgeKeys = Set<String>()

    /// Properties every node and relationship has, whatever the store holds.
    static let virtualNodeKeys: Set<String> = ["name", "type", "aliases", "mentions", "documents", "code"]
    static let virtualEdgeKeys: Set<String> = ["role", "amount", "amount_yuan", "evidence", "doc", "rule", "type", "first_reported", "last_reported", "reports", "outlets", "date"]

    init() {}

    init(store: GraphStore) throws {
        let db = store.database
        for r in try db.rows("SELECT id, value FROM terms") {
            if let id = r[0].integer, let v = r[1].text { terms[v] = id }
        }
        labels = Set(try db.rows("SELECT DISTINCT t.value FROM node_labels l JOIN terms t ON t.id = l.label").compactMap { $0.first?.text })
        relationTypes = Set(try db.rows("SELECT DISTINCT t.value FROM triples x JOIN terms t ON t.id = x.p").compactMap { $0.first?.text })
        nodeKeys = Set(try db.rows("SELECT DISTINCT t.value FROM node_props p JOIN terms t ON t.id = p.key").compactMap { $0.first?.text })
        edgeKeys = Set(try db.rows("SELECT DISTINCT t.value FROM edge_props p JOIN terms t ON t.id = p.key").compactMap { $0.first?.text })
    }

    /// The stored relation type a query's type means: exact, else ignoring case.
    func relationType(_ name: String) -> String? {
        if relationTypes.contains(name) { return name }
        return relationTypes.first { $0.lowercased() == name.lowercased() }
    }

    /// The closest known name, when one is close.
    static func suggestion(for name: String, among names: Set<String>) -> String? {
        let target = Array(name.lowercased().unicodeScalars)
        var best: (String, Int)?
        for n in names.sorted() {  // sorted: ties go the same way every run
            let d = distance(Array(n.lowercased().unicodeScalars), target)
            if d <= max(target.count >= 4 ? 2 : 1, target.count / 3), d < (best?.1 ?? Int.max) { best = (n, d) }
        }
        return best?.0
    }

    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var prev = Array(0...b.count), cur = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            cur[0] = i
            for j in 1...b.count { cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)) }
            swap(&prev, &cur)
        }
        return prev[b.count]
    }
}
