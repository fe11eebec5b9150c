import Foundation

/// A node as exports read it.
public struct NodeRecord: Sendable {
    /// The row id: stable while the node stands, new after a retract or `--rebuild`
    /// removes and recreates it.
    public var id: Int64
    /// The node's identity across rebuilds: its gazetteer code, `Type:Name`, or a
    /// person's name with the unit that tells them apart.
    public var key: String = ""
    public var labels: [String]
    public var name: String
    public var aliases: [String]
    public var code: String?
    public var mentions: Int
    public var documents: Int
    /// Any other properties (graphs loaded from elsewhere carry their own).
    public var properties: [(String, PropertyValue)]
    /// The place hierarchy an imported file gave it (` › `-joined), for nodes the
    /// store's gazetteer facts place nowhere.
    public var importedPath: String? = nil
}

/// A fact as exports read it, with its first provenance.
public struct EdgeRecord: Sendable {
    public var id: Int64
    public var source: Int64
    public var target: Int64
    public var relation: String
    public var properties: [(String, PropertyValue)]
    public var evidence: String?
    public var document: String?
    public var rule: String?
    /// The earliest and latest publication dates of the documents stating it (ISO
    /// 8601 as precise as the texts give them), and how many documents state it.
    public var firstReported: String? = nil
    public var lastReported: String? = nil
    public var reports = 0
    /// The date its sentence gives the fact, if any.
    public var date: String? = nil
    /// Every provenance row of the fact in id order, when `forEachEdge` was asked for them.
    public var provenance: [ProvenanceRecord] = []
}

/// One provenance row of a fact, for per-document exports.
public struct ProvenanceRecord: Sendable {
    /// The row's id, stable while the document stays.
    public var id: Int64 = 0
    public var edge: Int64
    public var document: String?
    public var documentHash: String?
    public var source: String
    public var evidence: String?
    public var rule: String
    /// Character offsets of the evidence in its document.
    public var start: Int64?
    public var end: Int64?
}

/// Which part of the graph to read.
public struct GraphSelection: Sendable {
    /// Only nodes with one of these labels (all when empty).
    public var types: Set<String> = []
    /// Only facts of these relations (all when empty).
    public var relations: Set<String> = []
    /// Only nodes within `depth` steps of these nodes (all when empty).
    public var around: [Int64] = []
    public var depth = 1
    /// Only these facts (all when nil), for the subgraph of a query result.
    public var onlyEdges: Set<Int64>?

    public init() {}
}

extension GraphStore {
    /// The node ids a selection keeps, or nil for "every node".
    public func selectedNodes(_ selection: GraphSelection) throws -> Set<Int64>? {
        guard !selection.around.isEmpty else { return nil }
        var keep = Set(selection.around)
        if selection.depth == 0 { return keep }
        var frontier = keep
        let relationFilter = try relationIDs(selection)
        for _ in 0..<max(1, selection.depth) {
            var next = Set<Int64>()
            for n in frontier {
                for r in try database.rows("SELECT p, s, o FROM triples WHERE s = ?1 OR o = ?1", [.integer(n)]) {
                    guard let p = r[0].integer, let s = r[1].integer, let o = r[2].integer else { continue }
                    if let relationFilter, !relationFilter.contains(p) { continue }
                    for x in [s, o] where keep.insert(x).inserted { next.insert(x) }
                }
            }
            frontier = next
        }
        return keep
    }

    func relationIDs(_ selection: GraphSelection) throws -> Set<Int64>? {
        guard !selection.relations.isEmpty else { return nil }
        return Set(try selection.relations.compactMap { try existingTerm($0) })
    }

    /// Calls `body` for every selected node, in id order, one row at a time: four scans
    /// ordered by node id (nodes, labels, properties, mention counts) merged as they go.
    /// - Complexity: O(nodes + labels + properties + mentions); memory does not grow with
    ///   the graph (on PostgreSQL, inside `Database.readSnapshot`, where scans are cursors).
    public func forEachNode(_ selection: GraphSelection, keep: Set<Int64>?, _ body: (NodeRecord) throws -> Void) throws {
        let nodes = try database.prepareScan("SELECT id, key FROM nodes ORDER BY id")
        // Each in the order of its key, terms read by id: a join with terms made SQLite
        // scan the terms first and sort every row.
        let labels = try database.prepareScan("SELECT node, label FROM node_labels ORDER BY node, label")
        let props = try database.prepareScan("SELECT node, key, value, kind FROM node_props ORDER BY node, key")
        let terms = try ValueByID.terms(database)
        let counts = try database.prepareScan("SELECT node, count(*), count(DISTINCT document) FROM mentions GROUP BY node ORDER BY node")
        for s in [nodes, labels, props, counts] { try s.bind([]) }
        var hasLabel = try labels.step(), hasProp = try props.step(), hasCount = try counts.step()
        while try nodes.step() {
            guard let id = nodes.column(0).integer else { continue }
            var record = NodeRecord(id: id, labels: [], name: "", aliases: [], code: nil, mentions: 0, documents: 0, properties: [])
            record.key = nodes.column(1).text ?? ""
            while hasLabel, let n = labels.column(0).integer, n <= id {
                if n == id, let label = labels.column(1).integer, let l = try terms.value(label) { record.labels.append(l) }
                hasLabel = try labels.step()
            }
            while hasProp, let n = props.column(0).integer, n <= id {
                if n == id, let keyID = props.column(1).integer, let key = try terms.value(keyID), let kind = props.column(3).text {
                    let value = PropertyValue.decode(props.column(2), kind: kind)
                    switch (key, value) {
                    case ("name", .string(let s)): record.name = s
                    case ("aliases", .list(let items)): record.aliases = items.compactMap { if case .string(let s) = $0 { return s } else { return nil } }
                    case ("code", .string(let s)): record.code = s
                    case (ImportedProperty.mentions, .integer(let n)): record.mentions += Int(n)
                    case (ImportedProperty.documents, .integer(let n)): record.documents += Int(n)
                    case (ImportedProperty.path, .string(let s)): record.importedPath = s
                    default: record.properties.append((key, value))
                    }
                }
                hasProp = try props.step()
            }
            while hasCount, let n = counts.column(0).integer, n <= id {
                if n == id {
                    record.mentions += Int(counts.column(1).integer ?? 0)
                    record.documents += Int(counts.column(2).integer ?? 0)
                }
                hasCount = try counts.step()
            }
            if let keep, !keep.contains(id) { continue }
            if !selection.types.isEmpty && selection.types.isDisjoint(with: record.labels) { continue }
            try body(record)
        }
    }

    /// Calls `body` for every selected fact whose ends are both selected, in id order:
    /// three scans ordered by fact id (facts, provenance, properties) merged as they go,
    /// as `forEachNode` does, in place of a handful of index seeks per fact.
    /// - Complexity: O(facts + provenance rows + properties); memory does not grow with
    ///   the graph (on PostgreSQL, inside `Database.readSnapshot`, where scans are cursors).
    public func forEachEdge(_ selection: GraphSelection, keep: Set<Int64>?, nodeTypes: [Int64: [String]]? = nil,
                            withProvenance: Bool = false, _ body: (EdgeRecord) throws -> Void) throws {
        let relationFilter = try relationIDs(selection)
        // Each in the order of its key; terms and document names read by id (joins
        // made SQLite sort every fact, or scan the documents for every provenance row).
        let facts = try database.prepareScan("SELECT id, s, o, p FROM triples ORDER BY id")
        let provenance = try database.prepareScan("""
            SELECT p.edge, p.id, p.source, p.document, p.published, p.published_start, p.published_end, p.date, p.evidence, p.rule,
                p.start, p.end
            FROM provenance p ORDER BY p.edge
            """)
        let props = try database.prepareScan("SELECT edge, key, value, kind FROM edge_props ORDER BY edge, key")
        let terms = try ValueByID.terms(database)
        let documentNames = try ValueByID(database, "SELECT name FROM documents WHERE id = ?")
        let documentHashes = try ValueByID(database, "SELECT hash FROM documents WHERE id = ?")
        for s in [facts, provenance, props] { try s.bind([]) }
        var hasProvenance = try provenance.step(), hasProp = try props.step()
        while try facts.step() {
            guard let id = facts.column(0).integer, let s = facts.column(1).integer, let o = facts.column(2).integer,
                  let p = facts.column(3).integer, let relation = try terms.value(p) else { continue }
            var summary = ProvenanceSummary()
            var rows: [ProvenanceRecord] = []
            while hasProvenance, let edge = provenance.column(0).integer, edge <= id {
                if edge == id {
                    summary.add(provenance)
                    if withProvenance { rows.append(try Self.provenanceRecord(provenance, edge: edge, documentNames, documentHashes)) }
                }
                hasProvenance = try provenance.step()
            }
            var properties: [(String, PropertyValue)] = []
            while hasProp, let edge = props.column(0).integer, edge <= id {
                if edge == id, let keyID = props.column(1).integer, let key = try terms.value(keyID), let kind = props.column(3).text {
                    properties.append((key, PropertyValue.decode(props.column(2), kind: kind)))
                }
                hasProp = try props.step()
            }
            if let relationFilter, !relationFilter.contains(p) { continue }
            if let only = selection.onlyEdges, !only.contains(id) { continue }
            if let keep, !(keep.contains(s) && keep.contains(o)) { continue }
            if let nodeTypes, nodeTypes[s] == nil || nodeTypes[o] == nil { continue }
            let shown = summary.shown
            var record = EdgeRecord(id: id, source: s, target: o, relation: relation, properties: [], evidence: shown?.evidence,
                                    document: try shown?.document.flatMap { try documentNames.value($0) }, rule: shown?.rule)
            record.firstReported = summary.firstReported?.published
            record.lastReported = summary.lastReported?.published
            record.reports = summary.documents.count
            record.date = summary.date
            record.provenance = rows.sorted { $0.id < $1.id }
            for (key, value) in properties {
                // What an imported file said of the fact, where the store's articles say nothing.
                switch (key, value) {
                case (ImportedProperty.firstReported, .string(let v)): record.firstReported = record.firstReported ?? v
                case (ImportedProperty.lastReported, .string(let v)): record.lastReported = record.lastReported ?? v
                case (ImportedProperty.reports, .integer(let n)): record.reports = record.reports > 0 ? record.reports : Int(n)
                case (ImportedProperty.date, .string(let v)): record.date = record.date ?? v
                default: record.properties.append((key, value))
                }
            }
            try body(record)
        }
    }

    /// The provenance row under a scan's cursor (`forEachEdge`'s columns).
    static func provenanceRecord(_ row: Statement, edge: Int64, _ names: ValueByID, _ hashes: ValueByID) throws -> ProvenanceRecord {
        let document = row.column(3).integer
        return ProvenanceRecord(id: row.column(1).integer ?? 0, edge: edge, document: try document.flatMap { try names.value($0) },
                                documentHash: try document.flatMap { try hashes.value($0) }, source: row.column(2).text ?? "",
                                evidence: row.column(8).text, rule: row.column(9).text ?? "",
                                start: row.column(10).integer, end: row.column(11).integer)
    }

    /// The names and kinds of the node (or edge) properties stored besides those every
    /// export writes (`reserved`), for an export to declare them: graphs imported from
    /// elsewhere carry their own attributes.
    public func extraPropertyKeys(edges: Bool, reserved: Set<String>) throws -> [(String, String)] {
        let table = edges ? "edge_props" : "node_props"
        var kinds: [String: Set<String>] = [:]
        if !edges, database.backend == .sqlite, try indexExists("node_props_by_value") {
            // The keys by one seek each in the index that starts with them (a loose index
            // scan), then the kinds of the extra keys alone: a DISTINCT over every node's
            // properties took 2.4 s of a million-node export, for keys every export writes.
            let terms = try ValueByID.terms(database)
            let keys = try database.rows("""
                WITH RECURSIVE k(key) AS (SELECT min(key) FROM node_props
                    UNION ALL SELECT (SELECT min(key) FROM node_props WHERE key > k.key) FROM k WHERE k.key IS NOT NULL)
                SELECT key FROM k WHERE key IS NOT NULL
                """).compactMap { $0.first?.integer }
            for id in keys {
                guard let key = try terms.value(id), !reserved.contains(key), !ImportedProperty.all.contains(key) else { continue }
                for r in try database.rows("SELECT DISTINCT kind FROM node_props WHERE key = ?", [.integer(id)]) {
                    if let kind = r[0].text { kinds[key, default: []].insert(kind) }
                }
            }
        } else {
            for r in try database.rows("SELECT DISTINCT t.value, p.kind FROM \(table) p JOIN terms t ON t.id = p.key") {
                guard let key = r[0].text, let kind = r[1].text, !reserved.contains(key), !ImportedProperty.all.contains(key) else { continue }
                kinds[key, default: []].insert(kind)
            }
        }
        return kinds.keys.sorted().map { key in
            let k = kinds[key] ?? []
            return (key, k.count == 1 ? k.first ?? "string" : k.isSubset(of: ["integer", "float"]) ? "float" : "string")
        }
    }

    /// The labels of every node (for type filters on edges).
    public func labelsByNode() throws -> [Int64: [String]] {
        var out: [Int64: [String]] = [:]
        for r in try database.rows("SELECT l.node, t.value FROM node_labels l JOIN terms t ON t.id = l.label") {
            if let n = r[0].integer, let l = r[1].text { out[n, default: []].append(l) }
        }
        return out
    }
}
