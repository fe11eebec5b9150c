import GuanxiText
import Foundation

extension GraphStore {
    /// Nodes whose name or alias is `name`, most documented first.
    public func candidates(named name: String) throws -> [ProfileCandidate] {
        let rows = try database.rows("""
            SELECT DISTINCT n.id FROM nodes n JOIN node_props p ON p.node = n.id
            WHERE (p.key = (SELECT id FROM terms WHERE value = 'name') AND p.value = ?1)
               OR (p.key = (SELECT id FROM terms WHERE value = 'aliases') AND EXISTS (SELECT 1 FROM json_each(p.value) WHERE json_each.value = ?1))
            """, [.text(name)])
        return try rows.compactMap { $0.first?.integer }.map { try candidate($0) }
            .sorted { $0.documents != $1.documents ? $0.documents > $1.documents : $0.node.id < $1.node.id }
    }

    /// The candidate row for one node.
    public func candidate(_ id: Int64) throws -> ProfileCandidate {
        let first = try database.rows(
            "SELECT p.value, t.o FROM triples t JOIN terms p ON p.id = t.p WHERE t.s = ? ORDER BY p.value = 'belongs_to', t.id LIMIT 1",
            [.integer(id)]).first
        var context = ""
        if let row = first, let predicate = row[0].text, let other = row[1].integer { context = "\(predicate) \(try nodeRef(other).name)" }
        let documents = Int(try database.scalar("SELECT count(DISTINCT document) FROM mentions WHERE node = ?", [.integer(id)])?.integer ?? 0)
        return ProfileCandidate(node: try nodeRef(id), path: try placePath(id), documents: documents, context: context)
    }

    /// Up to `limit` names close to `name` (edit distance on scalars), for "did you mean".
    public func closestNames(to name: String, limit: Int = 5) throws -> [String] {
        let target = Array(name.unicodeScalars)
        let names = try database.rows("SELECT DISTINCT value FROM node_props WHERE key = (SELECT id FROM terms WHERE value = 'name')")
            .compactMap { $0.first?.text }
        let tolerance = max(1, target.count / 2)
        var scored: [(String, Int)] = []
        for candidate in names {
            let distance = editDistance(Array(candidate.unicodeScalars), target)
            if distance <= tolerance || candidate.contains(name) || name.contains(candidate) { scored.append((candidate, distance)) }
        }
        scored.sort { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }
        return scored.prefix(limit).map { $0.0 }
    }

    /// True when a node with this id exists.
    public func nodeExists(_ id: Int64) throws -> Bool {
        try database.scalar("SELECT 1 FROM nodes WHERE id = ?", [.integer(id)]) != nil
    }

    func nodeRef(_ id: Int64) throws -> EntityProfile.NodeRef {
        let name = try database.scalar("SELECT value FROM node_props WHERE node = ? AND key = (SELECT id FROM terms WHERE value = 'name')", [.integer(id)])?.text ?? "#\(id)"
        let type = try database.scalar("SELECT t.value FROM node_labels l JOIN terms t ON t.id = l.label WHERE l.node = ? ORDER BY t.value LIMIT 1", [.integer(id)])?.text ?? ""
        return EntityProfile.NodeRef(id: id, name: name, type: type)
    }

    /// The chain of places above `id` through `belongs_to`, top first, `id` last.
    public func placePath(_ id: Int64) throws -> [String] {
        let placeTypes: Set<String> = ["Province", "City", "District", "Town", "Village", "Community"]
        var chain: [String] = [try nodeRef(id).name]
        var current = id
        var seen: Set<Int64> = [id]
        while chain.count < 8 {
            // Prefer the gazetteer's parent, then any place the text names as a parent.
            let parents = try database.rows("""
                SELECT t.o, max(CASE WHEN p.source LIKE 'gazetteer:%' THEN 1 ELSE 0 END) AS g FROM triples t JOIN provenance p ON p.edge = t.id
                WHERE t.s = ? AND t.p = (SELECT id FROM terms WHERE value = 'belongs_to')
                GROUP BY t.o ORDER BY g DESC, count(*) DESC, t.o
                """, [.integer(current)]).compactMap { $0.first?.integer }
            guard let parent = try parents.first(where: { placeTypes.contains(try nodeRef($0).type) }), seen.insert(parent).inserted else { break }
            chain.insert(try nodeRef(parent).name, at: 0)
            current = parent
        }
        return chain
    }

    /// The profile of node `id`.
    public func profile(_ id: Int64, cooccurring limit: Int = 10) throws -> EntityProfile {
        let node = try nodeRef(id)
        let labels = try database.rows("SELECT t.value FROM node_labels l JOIN terms t ON t.id = l.label WHERE l.node = ? ORDER BY t.value", [.integer(id)]).compactMap { $0.first?.text }
        var aliases: [String] = []
        if let text = try database.scalar("SELECT value FROM node_props WHERE node = ? AND key = (SELECT id FROM terms WHERE value = 'aliases')", [.integer(id)])?.text,
           let list = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String] {
            aliases = list
        }
        let code = try database.scalar("SELECT value FROM node_props WHERE node = ? AND key = (SELECT id FROM terms WHERE value = 'code')", [.integer(id)])?.text
        let documents = Int(try database.scalar("SELECT count(DISTINCT document) FROM mentions WHERE node = ?", [.integer(id)])?.integer ?? 0)
        let mentions = Int(try database.scalar("SELECT count(*) FROM mentions WHERE node = ?", [.integer(id)])?.integer ?? 0)
        var facts: [EntityProfile.Fact] = []
        let edges = try database.rows("""
            SELECT t.id, p.value, t.s, t.o FROM triples t JOIN terms p ON p.id = t.p WHERE t.s = ?1 OR t.o = ?1 ORDER BY p.value, t.id
            """, [.integer(id)])
        for e in edges {
            guard let edge = e[0].integer, let predicate = e[1].text, let s = e[2].integer, let o = e[3].integer else { continue }
            let outgoing = s == id
            var props: [String: PropertyValue] = [:]
            for row in try database.rows("SELECT k.value, ep.value, ep.kind FROM edge_props ep JOIN terms k ON k.id = ep.key WHERE ep.edge = ?", [.integer(edge)]) {
                if let k = row[0].text { props[k] = PropertyValue.decode(row[1], kind: row[2].text ?? "") }
            }
            let sources = try self.sources(ofFact: edge)
            // Hierarchy facts repeat once per document that needed them: show one.
            var unique: [EntityProfile.Source] = []
            for source in sources where !(source.origin.hasPrefix("gazetteer:") && unique.contains { $0.origin.hasPrefix("gazetteer:") }) {
                unique.append(source)
            }
            facts.append(EntityProfile.Fact(predicate: predicate, outgoing: outgoing, other: try nodeRef(outgoing ? o : s),
                                            role: props["role"]?.text, amount: props["amount"]?.text, amountYuan: props["amount_yuan"]?.number,
                                            sources: unique))
        }
        // Within a relation, dated facts in time order (a succession of leaders reads
        // top to bottom), undated ones after them in the order they were stored.
        let order = facts.indices.sorted { a, b in
            let (fa, fb) = (facts[a], facts[b])
            if fa.predicate != fb.predicate { return fa.predicate < fb.predicate }
            switch (fa.when, fb.when) {
            case let (x?, y?) where x != y: return x < y
            case (.some, nil): return true
            case (nil, .some): return false
            default: return a < b
            }
        }
        facts = order.map { facts[$0] }
        let co = try database.rows("""
            SELECT m2.node, count(*) AS c FROM mentions m1 JOIN mentions m2
              ON m2.document = m1.document AND m2.sentence = m1.sentence AND m2.node <> m1.node
            WHERE m1.node = ? GROUP BY m2.node ORDER BY c DESC, m2.node LIMIT ?
            """, [.integer(id), .integer(Int64(limit))])
        let cooccurring = try co.compactMap { r -> (EntityProfile.NodeRef, Int)? in
            guard let n = r[0].integer, let c = r[1].integer else { return nil }
            return (try nodeRef(n), Int(c))
        }
        return EntityProfile(node: node, labels: labels, aliases: aliases, code: code, path: try placePath(id), documents: documents,
                             mentions: mentions, facts: facts, cooccurring: cooccurring)
    }

    /// Nodes and edges within `depth` steps of `id`, for drawing.
    public func neighbourhood(_ id: Int64, depth: Int) throws -> (nodes: [EntityProfile.NodeRef], edges: [(Int64, String, Int64)]) {
        var frontier: Set<Int64> = [id]
        var nodes: Set<Int64> = [id]
        var edges: [Int64: (Int64, String, Int64)] = [:]
        for _ in 0..<max(1, depth) {
            var next = Set<Int64>()
            for n in frontier {
                for r in try database.rows("SELECT t.id, t.s, p.value, t.o FROM triples t JOIN terms p ON p.id = t.p WHERE t.s = ?1 OR t.o = ?1 LIMIT 200", [.integer(n)]) {
                    guard let e = r[0].integer, let s = r[1].integer, let p = r[2].text, let o = r[3].integer else { continue }
                    edges[e] = (s, p, o)
                    for x in [s, o] where nodes.insert(x).inserted { next.insert(x) }
                }
            }
            frontier = next
            if nodes.count > 300 { break }
        }
        return (try nodes.sorted().map { try nodeRef($0) }, edges.keys.sorted().compactMap { edges[$0] })
    }
}
