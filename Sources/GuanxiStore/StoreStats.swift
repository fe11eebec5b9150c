import GuanxiText
import Foundation
import GuanxiExtraction

/// What a store holds.
///
/// The counts name what they count: graph nodes (one per entity, across documents,
/// with the places above them), distinct facts (one per subject, predicate and
/// object), and provenance rows (one per fact per document that states it).
public struct StoreStats: Sendable {
    /// Documents stored.
    public var documents = 0
    /// Graph nodes, each counted once.
    public var nodes = 0
    /// Nodes per label; a node with two labels counts under both.
    public var entitiesByType: [(String, Int)] = []
    /// Distinct facts (triples).
    public var facts = 0
    /// Distinct facts per predicate.
    public var factsByPredicate: [(String, Int)] = []
    /// Provenance rows: one per fact per document that states it.
    public var provenanceRows = 0
    /// Cross-document merges: one per document beyond a node's first.
    public var merges = 0
    /// Bytes on disk, the write-ahead log included (on PostgreSQL, the database's size).
    public var bytes: Int64 = 0

    /// The figures as JSON.
    public var json: String {
        let types = entitiesByType.map { "\(JSONString.quote($0.0)):\($0.1)" }.joined(separator: ",")
        let preds = factsByPredicate.map { "\(JSONString.quote($0.0)):\($0.1)" }.joined(separator: ",")
        return "{\"documents\":\(documents),\"nodes\":\(nodes),\"entities\":{\(types)},\"distinct_facts\":\(facts),\"facts\":{\(preds)},\"provenance\":\(provenanceRows),\"merges\":\(merges),\"bytes\":\(bytes)}"
    }
}

extension GraphStore {
    /// Documents, entities per type, facts per predicate, store size.
    public func stats() throws -> StoreStats {
        var s = StoreStats()
        s.documents = Int(try database.scalar("SELECT count(*) FROM documents")?.integer ?? 0)
        s.nodes = Int(try database.scalar("SELECT count(*) FROM nodes")?.integer ?? 0)
        s.facts = Int(try database.scalar("SELECT count(*) FROM triples")?.integer ?? 0)
        s.entitiesByType = try database.rows("""
            SELECT t.value, count(*) FROM node_labels l JOIN terms t ON t.id = l.label GROUP BY t.value ORDER BY count(*) DESC, t.value
            """).map { ($0[0].text ?? "", Int($0[1].integer ?? 0)) }
        s.factsByPredicate = try database.rows("""
            SELECT t.value, count(*) FROM triples x JOIN terms t ON t.id = x.p GROUP BY t.value ORDER BY count(*) DESC, t.value
            """).map { ($0[0].text ?? "", Int($0[1].integer ?? 0)) }
        s.provenanceRows = Int(try database.scalar("SELECT count(*) FROM provenance")?.integer ?? 0)
        s.merges = Int(try database.scalar("SELECT count(*) FROM merges")?.integer ?? 0)
        if database.backend == .postgresql {
            s.bytes = try database.scalar("SELECT pg_database_size(current_database())")?.integer ?? 0
            return s
        }
        for suffix in ["", "-wal"] {
            let attrs = try? FileManager.default.attributesOfItem(atPath: database.path + suffix)
            s.bytes += (attrs?[.size] as? NSNumber)?.int64Value ?? 0
        }
        return s
    }
}
