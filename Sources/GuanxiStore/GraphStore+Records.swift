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
    /// - Complexity: O(nodes + labels + properties + mentions); memory does not grow with the graph.
    public func forEachNode(_ selection: GraphSelection, keep: Set<Int64>?, _ body: (NodeRecord) throws -> Void) throws {
        let nodes = try database.prepare("SELECT id, key FROM nodes ORDER BY id")
        let labels = try database.prepare("SELECT l.node, t.value FROM node_labels l JOIN terms t ON t.id = l.label ORDER BY l.node")
        let props = try database.prepare("SELECT p.node, t.value, p.value, p.kind FROM node_props p JOIN terms t ON t.id = p.key ORDER BY p.node")
        let counts = try database.prepare("SELECT node, count(*), count(DISTINCT document) FROM mentions GROUP BY node ORDER BY node")
        for s in [nodes, labels, props, counts] { try s.bind([]) }
        var hasLabel = try labels.step(), hasProp = try props.step(), hasCount = try counts.step()
        while try nodes.step() {
            guard let id = nodes.column(0).integer else { continue }
            var record = NodeRecord(id: id, labels: [], name: "", aliases: [], code: nil, mentions: 0, documents: 0, properties: [])
            record.key = nodes.column(1).text ?? ""
            while hasLabel, let n = labels.column(0).integer, n <= id {
                if n == id, let l = labels.column(1).text { record.labels.append(l) }
                hasLabel = try labels.step()
            }
            while hasProp, let n = props.column(0).integer, n <= id {
                if n == id, let key = props.column(1).text, let kind = props.column(3).text {
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

    /// Calls `body` for every selected fact whose ends are both selected.
    public func forEachEdge(_ selection: GraphSelection, keep: Set<Int64>?, nodeTypes: [Int64: [String]]? = nil,
                            _ body: (EdgeRecord) throws -> Void) throws {
        let relationFilter = try relationIDs(selection)
        // One provenance row per fact: the first from a document, else any (the gazetteer's).
        let statement = try database.prepare("""
            SELECT x.id, x.s, x.o, x.p, t.value, pr.evidence, d.name, pr.rule,
                (SELECT published FROM provenance WHERE edge = x.id AND published_start IS NOT NULL ORDER BY published_start, length(published) DESC, published LIMIT 1),
                (SELECT published FROM provenance WHERE edge = x.id AND published_end IS NOT NULL ORDER BY published_end DESC, length(published) DESC, published LIMIT 1),
                (SELECT count(DISTINCT document) FROM provenance WHERE edge = x.id AND source = 'document'),
                (SELECT date FROM provenance WHERE edge = x.id AND date IS NOT NULL ORDER BY length(date) DESC, date LIMIT 1)
            FROM triples x JOIN terms t ON t.id = x.p
            LEFT JOIN provenance pr ON pr.id = coalesce(
                (SELECT id FROM provenance WHERE edge = x.id AND source = 'document' ORDER BY id LIMIT 1),
                (SELECT id FROM provenance WHERE edge = x.id ORDER BY id LIMIT 1))
            LEFT JOIN documents d ON d.id = pr.document
            ORDER BY x.id
            """)
        let props = try database.prepare("SELECT t.value, p.value, p.kind FROM edge_props p JOIN terms t ON t.id = p.key WHERE p.edge = ?")
        try statement.bind([])
        while try statement.step() {
            guard let id = statement.column(0).integer, let s = statement.column(1).integer, let o = statement.column(2).integer,
                  let p = statement.column(3).integer, let relation = statement.column(4).text else { continue }
            if let relationFilter, !relationFilter.contains(p) { continue }
            if let only = selection.onlyEdges, !only.contains(id) { continue }
            if let keep, !(keep.contains(s) && keep.contains(o)) { continue }
            if let nodeTypes, nodeTypes[s] == nil || nodeTypes[o] == nil { continue }
            var record = EdgeRecord(id: id, source: s, target: o, relation: relation, properties: [],
                                    evidence: statement.column(5).text, document: statement.column(6).text, rule: statement.column(7).text)
            record.firstReported = statement.column(8).text
            record.lastReported = statement.column(9).text
            record.reports = Int(statement.column(10).integer ?? 0)
            record.date = statement.column(11).text
            try props.bind([.integer(id)])
            while try props.step() {
                guard let key = props.column(0).text, let kind = props.column(2).text else { continue }
                let value = PropertyValue.decode(props.column(1), kind: kind)
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

    /// Calls `body` for every provenance row, in edge order.
    public func forEachProvenance(_ body: (ProvenanceRecord) throws -> Void) throws {
        let statement = try database.prepare("""
            SELECT p.edge, d.name, d.hash, p.source, p.evidence, p.rule, p.id, p.start, p.end
            FROM provenance p LEFT JOIN documents d ON d.id = p.document ORDER BY p.edge, p.id
            """)
        try statement.bind([])
        while try statement.step() {
            guard let edge = statement.column(0).integer else { continue }
            try body(ProvenanceRecord(id: statement.column(6).integer ?? 0, edge: edge, document: statement.column(1).text,
                                      documentHash: statement.column(2).text, source: statement.column(3).text ?? "",
                                      evidence: statement.column(4).text, rule: statement.column(5).text ?? "",
                                      start: statement.column(7).integer, end: statement.column(8).integer))
        }
    }

    /// The names and kinds of the node (or edge) properties stored besides those every
    /// export writes (`reserved`), for an export to declare them: graphs imported from
    /// elsewhere carry their own attributes.
    public func extraPropertyKeys(edges: Bool, reserved: Set<String>) throws -> [(String, String)] {
        let table = edges ? "edge_props" : "node_props"
        var kinds: [String: Set<String>] = [:]
        for r in try database.rows("SELECT DISTINCT t.value, p.kind FROM \(table) p JOIN terms t ON t.id = p.key") {
            guard let key = r[0].text, let kind = r[1].text, !reserved.contains(key), !ImportedProperty.all.contains(key) else { continue }
            kinds[key, default: []].insert(kind)
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
