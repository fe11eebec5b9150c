import Foundation
import GuanxiText

/// A name found by `search`: the node, the form that matched and how.
public struct SearchHit: Sendable {
    public var node: EntityProfile.NodeRef
    /// The name or alias that matched.
    public var matched: String
    /// `exact`, `prefix`, `contains` or `close` (an edit away: a typo).
    public var how: String
    public var documents: Int
}

/// A neighbourhood for drawing: nodes, and facts with their ids for their evidence.
public struct Subgraph: Sendable {
    public struct Edge: Sendable {
        public var id: Int64
        public var source: Int64
        public var target: Int64
        public var relation: String
        public var role: String?
    }

    public var nodes: [EntityProfile.NodeRef]
    public var edges: [Edge]
    /// True when the node limit cut the neighbourhood short.
    public var truncated: Bool
}

/// One fact with every sentence that states it.
public struct FactDetail: Sendable {
    public var id: Int64
    public var subject: EntityProfile.NodeRef
    public var relation: String
    public var object: EntityProfile.NodeRef
    public var role: String?
    public var amount: String?
    public var sources: [EntityProfile.Source]
}

/// A stored article with everything found in it, at its offsets.
public struct DocumentDetail: Sendable {
    public struct Mention: Sendable {
        public var start: Int
        public var end: Int
        public var node: EntityProfile.NodeRef
    }

    public struct Statement: Sendable {
        public var fact: Int64
        public var subject: EntityProfile.NodeRef
        public var relation: String
        public var object: EntityProfile.NodeRef
        public var role: String?
        public var start: Int
        public var end: Int
        public var evidence: String?
    }

    public var id: Int64
    public var name: String
    public var path: String
    public var published: String?
    public var outlet: String?
    /// The article as read (nil when the store predates stored texts and the file has
    /// moved or changed).
    public var text: String?
    public var mentions: [Mention]
    public var statements: [Statement]
}

extension GraphStore {
    /// Names and aliases matching `query`: exact first, then those starting with it,
    /// then those containing it (also in simplified characters), then close spellings.
    public func search(_ query: String, limit: Int = 12) throws -> [SearchHit] {
        let q = query.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !q.isEmpty else { return [] }
        let forms = Array(Set([q, Simplifier.simplified(q)]))
        var hits: [SearchHit] = []
        var seen = Set<Int64>()
        func add(_ rows: [[SQLValue]], _ how: (String, String) -> String) throws {
            for r in rows {
                guard let id = r[0].integer, let form = r[1].text, hits.count < limit, seen.insert(id).inserted else { continue }
                let documents = Int(try database.scalar("SELECT count(DISTINCT document) FROM mentions WHERE node = ?", [.integer(id)])?.integer ?? 0)
                hits.append(SearchHit(node: try nodeRef(id), matched: form, how: how(form, q), documents: documents))
            }
        }
        for f in forms {
            let pattern = "%" + f.replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_") + "%"
            let rows = try database.rows("""
                SELECT p.node, p.value FROM node_props p WHERE p.key = (SELECT id FROM terms WHERE value = 'name') AND p.value LIKE ?1 ESCAPE '\\'
                UNION ALL
                SELECT p.node, j.value FROM node_props p, json_each(p.value) j
                WHERE p.key = (SELECT id FROM terms WHERE value = 'aliases') AND j.value LIKE ?1 ESCAPE '\\'
                """, [.text(pattern)])
            // Exact, then prefix, then contains; shorter names first within each.
            func rank(_ s: String) -> Int { s == f ? 0 : s.hasPrefix(f) ? 1 : 2 }
            let sorted = rows.sorted { a, b in
                let (x, y) = (a[1].text ?? "", b[1].text ?? "")
                return rank(x) != rank(y) ? rank(x) < rank(y) : x.unicodeScalars.count < y.unicodeScalars.count
            }
            try add(sorted) { form, _ in form == f ? "exact" : form.hasPrefix(f) ? "prefix" : "contains" }
        }
        if hits.count < limit {
            for name in try closestNames(to: q, limit: limit - hits.count) {
                let ids = try database.rows("SELECT node FROM node_props WHERE key = (SELECT id FROM terms WHERE value = 'name') AND value = ?", [.text(name)])
                try add(ids.map { [$0[0], .text(name)] }) { _, _ in "close" }
            }
        }
        return hits
    }

    /// The nodes and facts within `depth` steps of `id`, only facts of `relations` and
    /// nodes of `types` when given (the centre always), at most `limit` nodes.
    public func subgraph(around id: Int64, depth: Int, types: Set<String> = [], relations: Set<String> = [], limit: Int = 300) throws -> Subgraph {
        var nodes: [Int64: EntityProfile.NodeRef] = [id: try nodeRef(id)]
        var edges: [Int64: Subgraph.Edge] = [:]
        var frontier: [Int64] = [id]
        var truncated = false
        for _ in 0..<max(1, min(depth, 3)) {
            var next: [Int64] = []
            for n in frontier {
                let rows = try database.rows("""
                    SELECT t.id, t.s, p.value, t.o, (SELECT value FROM edge_props WHERE edge = t.id AND key = (SELECT id FROM terms WHERE value = 'role'))
                    FROM triples t JOIN terms p ON p.id = t.p WHERE t.s = ?1 OR t.o = ?1 ORDER BY t.id LIMIT 500
                    """, [.integer(n)])
                for r in rows {
                    guard let e = r[0].integer, let s = r[1].integer, let relation = r[2].text, let o = r[3].integer else { continue }
                    if !relations.isEmpty && !relations.contains(relation) { continue }
                    let other = s == n ? o : s
                    if nodes[other] == nil {
                        let ref = try nodeRef(other)
                        if !types.isEmpty && !types.contains(ref.type) { continue }
                        guard nodes.count < limit else {
                            truncated = true
                            continue
                        }
                        nodes[other] = ref
                        next.append(other)
                    }
                    edges[e] = Subgraph.Edge(id: e, source: s, target: o, relation: relation, role: r[4].text)
                }
            }
            frontier = next
        }
        return Subgraph(nodes: nodes.keys.sorted().compactMap { nodes[$0] }, edges: edges.keys.sorted().compactMap { edges[$0] }, truncated: truncated)
    }

    /// The sentences, documents and dates that state one fact.
    public func sources(ofFact edge: Int64) throws -> [EntityProfile.Source] {
        try database.rows("""
            SELECT d.name, p.line, p.sentence, p.evidence, p.rule, p.source, d.published, d.outlet, p.date, d.id, p.start, p.end
            FROM provenance p LEFT JOIN documents d ON d.id = p.document
            WHERE p.edge = ? ORDER BY coalesce(p.date, d.published_start) IS NULL, coalesce(p.date, d.published_start), d.name, p.start NULLS FIRST, p.id
            """, [.integer(edge)]).map { r in
            var s = EntityProfile.Source(document: r[0].text ?? "", line: r[1].integer.map(Int.init), sentence: r[2].text, evidence: r[3].text,
                                         rule: r[4].text ?? "", origin: r[5].text ?? "", published: r[6].text, outlet: r[7].text, date: r[8].text)
            s.documentID = r[9].integer
            s.start = r[10].integer.map(Int.init)
            s.end = r[11].integer.map(Int.init)
            return s
        }
    }

    /// One fact with its evidence, or nil when there is no such fact.
    public func fact(_ edge: Int64) throws -> FactDetail? {
        guard let row = try database.rows("SELECT t.s, p.value, t.o FROM triples t JOIN terms p ON p.id = t.p WHERE t.id = ?", [.integer(edge)]).first,
              let s = row[0].integer, let relation = row[1].text, let o = row[2].integer else { return nil }
        func prop(_ key: String) throws -> String? {
            try database.scalar("SELECT value FROM edge_props WHERE edge = ? AND key = (SELECT id FROM terms WHERE value = ?)", [.integer(edge), .text(key)])?.text
        }
        return FactDetail(id: edge, subject: try nodeRef(s), relation: relation, object: try nodeRef(o), role: try prop("role"),
                          amount: try prop("amount"), sources: try sources(ofFact: edge))
    }

    /// A stored document by id or file name, with its text, mentions and statements.
    public func document(_ key: String) throws -> DocumentDetail? {
        let rows = try database.rows("""
            SELECT id, name, path, hash, published, outlet, text FROM documents WHERE id = ?1 OR name = ?2 OR path = ?2 OR hash = ?2 ORDER BY id LIMIT 1
            """, [.integer(Int64(key) ?? -1), .text(key)])
        guard let r = rows.first, let id = r[0].integer else { return nil }
        var text = r[6].text
        if text == nil, let path = r[2].text, let hash = r[3].text, let source = try? DocumentDecoder.read(path: path),
           ContentHash.of(source.scalars) == hash {
            text = String(scalars: source.scalars)
        }
        let mentions = try database.rows("SELECT start, \"end\", node FROM mentions WHERE document = ? ORDER BY start, \"end\", node", [.integer(id)]).compactMap { m -> DocumentDetail.Mention? in
            guard let s = m[0].integer, let e = m[1].integer, let n = m[2].integer else { return nil }
            return DocumentDetail.Mention(start: Int(s), end: Int(e), node: try nodeRef(n))
        }
        let statements = try database.rows("""
            SELECT p.edge, x.s, t.value, x.o, (SELECT value FROM edge_props WHERE edge = x.id AND key = (SELECT id FROM terms WHERE value = 'role')),
                   p.start, p.end, p.evidence
            FROM provenance p JOIN triples x ON x.id = p.edge JOIN terms t ON t.id = x.p
            WHERE p.document = ? AND p.source = 'document' ORDER BY p.start, p.id
            """, [.integer(id)]).compactMap { f -> DocumentDetail.Statement? in
            guard let e = f[0].integer, let s = f[1].integer, let rel = f[2].text, let o = f[3].integer else { return nil }
            return DocumentDetail.Statement(fact: e, subject: try nodeRef(s), relation: rel, object: try nodeRef(o), role: f[4].text,
                                            start: Int(f[5].integer ?? 0), end: Int(f[6].integer ?? 0), evidence: f[7].text)
        }
        return DocumentDetail(id: id, name: r[1].text ?? "", path: r[2].text ?? "", published: r[4].text, outlet: r[5].text,
                              text: text, mentions: mentions, statements: statements)
    }
}
