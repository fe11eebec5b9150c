import GuanxiStore


/// What an export wrote.
public struct ExportSummary: Sendable {
    public var nodes = 0
    public var edges = 0
    /// Characters XML 1.0 forbids, dropped from names and evidence.
    public var droppedCharacters = 0
}

/// What the store's reader hands the file's writer: a node with its place hierarchy, or a fact.
enum GraphElement: Sendable {
    case node(NodeRecord, path: [String])
    case edge(EdgeRecord)
}

/// Writes the graph as GraphML that Gephi, yEd, Cytoscape, NetworkX and igraph read.
///
/// - Keys are declared per domain (`for="node"`, `for="edge"`, never `all`), each
///   with `attr.name` and `attr.type`.
/// - Nodes carry `label` (the name), `type`, `aliases` (joined by `aliasSeparator`),
///   `mentions`, `documents`, `path` (the place hierarchy, joined by ` › `) and `code`.
/// - Edges carry `label` and `interaction` (the relation, for Cytoscape), `relation`,
///   `role`, `amount`, `amount_yuan`, `evidence`, `doc` and `rule`.
/// - Node ids are `n<id>`, stable across exports of the same store; edge ids are
///   `e<id>`, unique, so parallel edges stay apart.
public struct GraphMLExporter {
    /// The separator between aliases in the `aliases` attribute.
    public static let aliasSeparator = " | "

    /// Plain GraphML, or with yFiles graphics for yEd.
    public enum Flavor: String, Sendable, CaseIterable {
        case plain, yed
    }

    static let nodeKeys: [(String, String)] = [
        ("label", "string"), ("type", "string"), ("aliases", "string"), ("mentions", "int"), ("documents", "int"),
        ("path", "string"), ("code", "string"), ("key", "string"),
    ]
    static let edgeKeys: [(String, String)] = [
        ("label", "string"), ("interaction", "string"), ("relation", "string"), ("role", "string"), ("amount", "string"),
        ("amount_yuan", "double"), ("evidence", "string"), ("doc", "string"), ("rule", "string"),
        ("first_reported", "string"), ("last_reported", "string"), ("reports", "int"), ("date", "string"),
    ]

    let store: GraphStore
    let selection: GraphSelection
    let flavor: Flavor
    let progress: ((ExportProgress) -> Void)?

    /// An exporter of `selection` from `store`; `progress` is told how many nodes and
    /// edges are written, on the calling thread.
    public init(store: GraphStore, selection: GraphSelection = GraphSelection(), flavor: Flavor = .plain,
                progress: ((ExportProgress) -> Void)? = nil) {
        self.store = store
        self.selection = selection
        self.flavor = flavor
        self.progress = progress
    }

    /// Writes the file (`-` for standard output).
    /// - Throws: `ExportError` or `StoreError`.
    /// - Complexity: O(nodes + edges); memory does not grow with the graph.
    public func write(to path: String) throws -> ExportSummary {
        // Every scan below reads the same commit, though another process writes meanwhile.
        try store.database.readSnapshot { try writeFromSnapshot(to: path) }
    }

    func writeFromSnapshot(to path: String) throws -> ExportSummary {
        let xml = try XMLWriter(path: path, indent: false)
        var text = XMLText()
        var summary = ExportSummary()
        try xml.startDocument()
        try xml.startElement("graphml")
        try xml.attribute("xmlns", "http://graphml.graphdrawing.org/xmlns")
        try xml.attribute("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance")
        if flavor == .yed { try xml.attribute("xmlns:y", "http://www.yworks.com/xml/graphml") }
        try xml.attribute("xsi:schemaLocation", "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd")
        for (name, type) in Self.nodeKeys {
            try xml.element("key", [("id", "n_\(name)"), ("for", "node"), ("attr.name", name), ("attr.type", type)])
        }
        for (name, type) in Self.edgeKeys {
            try xml.element("key", [("id", "e_\(name)"), ("for", "edge"), ("attr.name", name), ("attr.type", type)])
        }
        // Attributes of graphs imported from elsewhere (a NetworkX `weight`), under their own names.
        let extraNodeKeys = try store.extraPropertyKeys(edges: false, reserved: Set(Self.nodeKeys.map(\.0)).union(["name", "aliases", "code"]))
        let extraEdgeKeys = try store.extraPropertyKeys(edges: true, reserved: Set(Self.edgeKeys.map(\.0)))
        let extraNodeIDs = Self.keyIDs(extraNodeKeys.map(\.0), prefix: "nx_")
        let extraEdgeIDs = Self.keyIDs(extraEdgeKeys.map(\.0), prefix: "ex_")
        for (name, kind) in extraNodeKeys {
            try xml.element("key", [("id", extraNodeIDs[name] ?? name), ("for", "node"), ("attr.name", name), ("attr.type", Self.graphMLType(kind))])
        }
        for (name, kind) in extraEdgeKeys {
            try xml.element("key", [("id", extraEdgeIDs[name] ?? name), ("for", "edge"), ("attr.name", name), ("attr.type", Self.graphMLType(kind))])
        }
        if flavor == .yed {
            try xml.element("key", [("id", "n_graphics"), ("for", "node"), ("yfiles.type", "nodegraphics")])
            try xml.element("key", [("id", "e_graphics"), ("for", "edge"), ("yfiles.type", "edgegraphics")])
        }
        try xml.startElement("graph")
        try xml.attribute("id", "G")
        try xml.attribute("edgedefault", "directed")
        let selection = self.selection
        let keep = try store.selectedNodes(selection)
        let typed = selection.types.isEmpty ? nil : try store.labelsByNode().filter { !selection.types.isDisjoint(with: $0.value) }
        // One thread reads the store while this one writes the file. The store is lent
        // to the reader: this thread does not touch it until `run` has returned, by
        // which time the reader has ended.
        nonisolated(unsafe) let store = self.store
        var counter = ExportProgressCounter(progress)
        try BatchPipe<GraphElement>.run(produce: { pipe in
            let paths = try PlacePaths(store: store)
            try store.forEachNode(selection, keep: keep) { node in
                try pipe.put(.node(node, path: node.code == nil ? [] : try paths.path(node.id, name: node.name)))
            }
            try store.forEachEdge(selection, keep: keep, nodeTypes: typed) { try pipe.put(.edge($0)) }
        }, consume: { element in
            switch element {
            case .node(let node, let path):
                try writeNode(node, path: path, xml, &text, extraNodeIDs)
                summary.nodes += 1
                counter.countNode()
            case .edge(let edge):
                try writeEdge(edge, xml, &text, extraEdgeIDs)
                summary.edges += 1
                counter.countEdge()
            }
        })
        try xml.endElement()
        try xml.endElement()
        try xml.endDocument()
        summary.droppedCharacters = text.dropped
        return summary
    }

    /// A node as one `<node>` element.
    func writeNode(_ node: NodeRecord, path: [String], _ xml: XMLWriter, _ text: inout XMLText, _ extraNodeIDs: [String: String]) throws {
        // Start and end tags as they are: the ids are numbers.
        try xml.raw("<node id=\"n\(node.id)\">")
        let name = text.clean(node.name)
        try data(xml, "n_label", name)
        try data(xml, "n_type", node.labels.joined(separator: ","))
        if !node.aliases.isEmpty { try data(xml, "n_aliases", text.clean(node.aliases.joined(separator: Self.aliasSeparator))) }
        try data(xml, "n_mentions", String(node.mentions))
        try data(xml, "n_documents", String(node.documents))
        // The id n<row> changes when a rebuild recreates the node; the key does not.
        if !node.key.isEmpty { try data(xml, "n_key", text.clean(node.key)) }
        if let code = node.code { try data(xml, "n_code", code) }
        if path.count > 1 {
            try data(xml, "n_path", text.clean(path.joined(separator: " › ")))
        } else if let imported = node.importedPath {
            try data(xml, "n_path", text.clean(imported))
        }
        for (key, value) in node.properties {
            if let id = extraNodeIDs[key], let written = Self.text(of: value) { try data(xml, id, text.clean(written)) }
        }
        if flavor == .yed { try yedNode(xml, name: name, type: node.labels.first ?? "") }
        try xml.raw("</node>")
    }

    /// A fact as one `<edge>` element.
    func writeEdge(_ edge: EdgeRecord, _ xml: XMLWriter, _ text: inout XMLText, _ extraEdgeIDs: [String: String]) throws {
        try xml.raw("<edge id=\"e\(edge.id)\" source=\"n\(edge.source)\" target=\"n\(edge.target)\">")
        try data(xml, "e_label", edge.relation)
        try data(xml, "e_interaction", edge.relation)
        try data(xml, "e_relation", edge.relation)
        for (key, value) in edge.properties {
            switch (key, value) {
            case ("role", .string(let s)): try data(xml, "e_role", text.clean(s))
            case ("amount", .string(let s)): try data(xml, "e_amount", text.clean(s))
            case ("amount_yuan", .float(let d)): try data(xml, "e_amount_yuan", String(d))
            case ("amount_yuan", .integer(let i)): try data(xml, "e_amount_yuan", String(Double(i)))
            default:
                if let id = extraEdgeIDs[key], let written = Self.text(of: value) { try data(xml, id, text.clean(written)) }
            }
        }
        if let evidence = edge.evidence { try data(xml, "e_evidence", text.clean(evidence)) }
        if let doc = edge.document { try data(xml, "e_doc", text.clean(doc)) }
        if let rule = edge.rule { try data(xml, "e_rule", rule) }
        // Dates are ISO 8601 strings as precise as the articles give them
        // (2021-02-05, 2021-02, 2021, --06-21): GraphML has no date type.
        if let first = edge.firstReported { try data(xml, "e_first_reported", first) }
        if let last = edge.lastReported { try data(xml, "e_last_reported", last) }
        if edge.reports > 0 { try data(xml, "e_reports", String(edge.reports)) }
        if let date = edge.date { try data(xml, "e_date", date) }
        if flavor == .yed {
            try xml.startElement("data")
            try xml.attribute("key", "e_graphics")
            try xml.startElement("y:PolyLineEdge")
            try xml.element("y:Arrows", [("source", "none"), ("target", "standard")])
            try xml.element("y:EdgeLabel", text: edge.relation)
            try xml.endElement()
            try xml.endElement()
        }
        try xml.raw("</edge>")
    }

    /// Key ids for attribute names: `prefix` and the name where it is an XML name of
    /// letters, digits and `_`, else `prefix` and a number.
    static func keyIDs(_ names: [String], prefix: String) -> [String: String] {
        var out: [String: String] = [:]
        for (k, name) in names.enumerated() {
            let plain = !name.isEmpty && name.unicodeScalars.allSatisfy { ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || $0 == "_" }
            out[name] = plain ? prefix + name : "\(prefix)\(k)"
        }
        return out
    }

    /// The GraphML `attr.type` of a stored property kind.
    static func graphMLType(_ kind: String) -> String {
        switch kind {
        case "integer": return "long"
        case "float": return "double"
        case "boolean": return "boolean"
        default: return "string"
        }
    }

    /// A property value as GraphML data text; nil for null.
    static func text(of value: PropertyValue) -> String? {
        switch value {
        case .null: return nil
        case .string(let s): return s
        case .integer(let i): return String(i)
        case .float(let d): return String(d)
        case .boolean(let b): return b ? "true" : "false"
        case .list: return value.json
        }
    }

    func data(_ xml: XMLWriter, _ key: String, _ value: String) throws {
        try xml.data(key: key, value)
    }

    /// yFiles graphics: a rounded box in the type's colour with the name as its label.
    func yedNode(_ xml: XMLWriter, name: String, type: String) throws {
        try xml.startElement("data")
        try xml.attribute("key", "n_graphics")
        try xml.startElement("y:ShapeNode")
        let width = max(60, Double(name.unicodeScalars.count) * 16 + 20)
        try xml.element("y:Geometry", [("width", String(width)), ("height", "36")])
        try xml.element("y:Fill", [("color", TypeColours.of(type)), ("transparent", "false")])
        try xml.element("y:BorderStyle", [("color", "#555555"), ("type", "line"), ("width", "1.0")])
        try xml.element("y:NodeLabel", [("visible", "true"), ("fontFamily", "Noto Sans CJK SC"), ("fontSize", "13")], text: name)
        try xml.element("y:Shape", [("type", "roundrectangle")])
        try xml.endElement()
        try xml.endElement()
    }
}

/// Place hierarchies for export, one query per place and memoised by parent: a
/// village's path is its town's path and its own name. The memo holds ancestors only,
/// bounded by the number of administrative units.
final class PlacePaths {
    let store: GraphStore
    let parent: Statement
    var memo: [Int64: [String]] = [:]

    init(store: GraphStore) throws {
        self.store = store
        parent = try store.database.prepare("""
            SELECT t.o, (SELECT value FROM node_props WHERE node = t.o AND key = (SELECT id FROM terms WHERE value = 'name'))
            FROM triples t JOIN provenance p ON p.edge = t.id
            WHERE t.s = ? AND t.p = (SELECT id FROM terms WHERE value = 'belongs_to') AND p.source LIKE 'gazetteer:%' ORDER BY t.id LIMIT 1
            """)
    }

    func path(_ node: Int64, name: String, depth: Int = 0) throws -> [String] {
        if let known = memo[node] { return known }
        try parent.bind([.integer(node)])
        guard depth < 8, try parent.step(), let up = parent.column(0).integer else { return [name] }
        let upName = parent.column(1).text ?? ""
        let above = try path(up, name: upName, depth: depth + 1)
        memo[up] = above
        return above + [name]
    }
}
