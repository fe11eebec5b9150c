import Foundation
import GuanxiExtraction

/// What a store holds.
public struct StoreStats: Sendable {
    public var documents = 0
    public var entitiesByType: [(String, Int)] = []
    public var factsByPredicate: [(String, Int)] = []
    public var provenanceRows = 0
    public var merges = 0
    public var bytes: Int64 = 0

    /// The figures as JSON.
    public var json: String {
        let types = entitiesByType.map { "\(JSONLines.quote($0.0)):\($0.1)" }.joined(separator: ",")
        let preds = factsByPredicate.map { "\(JSONLines.quote($0.0)):\($0.1)" }.joined(separator: ",")
        return "{\"documents\":\(documents),\"entities\":{\(types)},\"facts\":{\(preds)},\"provenance\":\(provenanceRows),\"merges\":\(merges),\"bytes\":\(bytes)}"
    }
}

extension GraphStore {
    /// Documents, entities per type, facts per predicate, store size.
    public func stats() throws -> StoreStats {
        var s = StoreStats()
        s.documents = Int(try database.scalar("SELECT count(*) FROM documents")?.integer ?? 0)
        s.entitiesByType = try database.rows("""
            SELECT t.value, count(*) FROM node_labels l JOIN terms t ON t.id = l.label GROUP BY t.value ORDER BY count(*) DESC, t.value
            """).map { ($0[0].text ?? "", Int($0[1].integer ?? 0)) }
        s.factsByPredicate = try database.rows("""
            SELECT t.value, count(*) FROM triples x JOIN terms t ON t.id = x.p GROUP BY t.value ORDER BY count(*) DESC, t.value
            """).map { ($0[0].text ?? "", Int($0[1].integer ?? 0)) }
        s.provenanceRows = Int(try database.scalar("SELECT count(*) FROM provenance")?.integer ?? 0)
        s.merges = Int(try database.scalar("SELECT count(*) FROM merges")?.integer ?? 0)
        for suffix in ["", "-wal"] {
            let attrs = try? FileManager.default.attributesOfItem(atPath: database.path + suffix)
            s.bytes += (attrs?[.size] as? NSNumber)?.int64Value ?? 0
        }
        return s
    }
}
