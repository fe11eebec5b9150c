import Foundation

/// A node as exports read it.
public struct NodeRecord: Sendable {
    public var id: Int64
    public var labels: [String]
    public var name: String
    public var aliases: [String]
    public var code: String?
    public var mentions: Int
    public var documents: Int
    /// Any other properties (graphs loaded from elsewhere carry their own).
    public var properties: [(String, PropertyValue)]
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
}

/// One provenance row of a fact, for per-document exports.
public struct ProvenanceRecord: Sendable {
    public var edge: Int64
    public var document: String?
    public var documentHash: String?
    public var source: String
    public var evidence: String?
    public var rule: String
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

    public init() {}
}

extension GraphStore {
    /// The node ids a selection keeps, or nil for "every node".
    public func selectedNodes(_ selection: GraphSelection) throws -> Set<Int64>? {
        guard !selection.around.isEmpty else { return nil }
        var keep = Set(selection.around)
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

    /// Calls `body` for every selected node, in id order, one row at a time.
    public func forEachNode(_ selection: GraphSelection, keep: Set<Int64>?, _ body: (NodeRecord) throws -> Void) throws {
        let statement = try database.prepare("""
            SELECT n.id,
              (SELECT group_concat(t.value, char(31)) FROM node_labels l JOIN terms t ON t.id = l.label WHERE l.node = n.id),
              (SELECT count(*) FROM mentions m WHERE m.node = n.id),
              (SELECT count(DISTINCT document) FROM mentions m WHERE m.node = n.id)
            FROM nodes n ORDER BY n.id
            """)
        let props = try database.prepare("SELECT t.value, p.value, p.kind FROM node_props p JOIN terms t ON t.id = p.key WHERE p.node = ?")
        try statement.bind([])
        while try statement.step() {
            guard let id = statement.column(0).integer else { continue }
            if let keep, !keep.contains(id) { continue }
            let labels = (statement.column(1).text ?? "").split(separator: "\u{1F}").map(String.init)
            if !selection.types.isEmpty && selection.types.isDisjoint(with: labels) { continue }
            var record = NodeRecord(id: id, labels: labels, name: "", aliases: [], code: nil,
                                    mentions: Int(statement.column(2).integer ?? 0), documents: Int(statement.column(3).integer ?? 0), properties: [])
            try props.bind([.integer(id)])
            while try props.step() {
                guard let key = props.column(0).text, let kind = props.column(2).text else { continue }
                let value = PropertyValue.decode(props.column(1), kind: kind)
                switch (key, value) {
                case ("name", .string(let s)): record.name = s
                case ("aliases", .list(let items)): record.aliases = items.compactMap { if case .string(let s) = $0 { return s } else { return nil } }
                case ("code", .string(let s)): record.code = s
                default: record.properties.append((key, value))
                }
            }
            try body(record)
        }
    }

    /// Calls `body` for every selected fact whose ends are both selected.
    public func forEachEdge(_ selection: GraphSelection, keep: Set<Int64>?, nodeTypes: [Int64: [String]]? = nil,
                            _ body: (EdgeRecord) throws -> Void) throws {
        let relationFilter = try relationIDs(selection)
        let statement = try database.prepare("""
            SELECT x.id, x.s, x.o, x.p, t.value,
              (SELECT p.evidence FROM provenance p WHERE p.edge = x.id AND p.source = 'document' ORDER BY p.id LIMIT 1),
              (SELECT d.name FROM provenance p JOIN documents d ON d.id = p.document WHERE p.edge = x.id ORDER BY p.source <> 'document', p.id LIMIT 1),
              (SELECT p.rule FROM provenance p WHERE p.edge = x.id ORDER BY p.source <> 'document', p.id LIMIT 1)
            FROM triples x JOIN terms t ON t.id = x.p ORDER BY x.id
            """)
        let props = try database.prepare("SELECT t.value, p.value, p.kind FROM edge_props p JOIN terms t ON t.id = p.key WHERE p.edge = ?")
        try statement.bind([])
        while try statement.step() {
            guard let id = statement.column(0).integer, let s = statement.column(1).integer, let o = statement.column(2).integer,
                  let p = statement.column(3).integer, let relation = statement.column(4).text else { continue }
            if let relationFilter, !relationFilter.contains(p) { continue }
            if let keep, !(keep.contains(s) && keep.contains(o)) { continue }
            if let nodeTypes, nodeTypes[s] == nil || nodeTypes[o] == nil { continue }
            var record = EdgeRecord(id: id, source: s, target: o, relation: relation, properties: [],
                                    evidence: statement.column(5).text, document: statement.column(6).text, rule: statement.column(7).text)
            try props.bind([.integer(id)])
            while try props.step() {
                guard let key = props.column(0).text, let kind = props.column(2).text else { continue }
                record.properties.append((key, PropertyValue.decode(props.column(1), kind: kind)))
            }
            try body(record)
        }
    }

    /// Calls `body` for every provenance row, in edge order.
    public func forEachProvenance(_ body: (ProvenanceRecord) throws -> Void) throws {
        let statement = try database.prepare("""
            SELECT p.edge, d.name, d.hash, p.source, p.evidence, p.rule FROM provenance p LEFT JOIN documents d ON d.id = p.document ORDER BY p.edge, p.id
            """)
        try statement.bind([])
        while try statement.step() {
            guard let edge = statement.column(0).integer else { continue }
            try body(ProvenanceRecord(edge: edge, document: statement.column(1).text, documentHash: statement.column(2).text,
                                      source: statement.column(3).text ?? "", evidence: statement.column(4).text, rule: statement.column(5).text ?? ""))
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
