import Foundation
import GuanxiStore
import GuanxiText

/// What an import did.
public struct ImportSummary: Sendable {
    public var nodes = 0
    /// Nodes that joined a node the store already held (same key: code, or type and name).
    public var merged = 0
    public var edges = 0
    /// The same file was imported before: nothing changed.
    public var unchanged = false
    /// What the file holds that could not be mapped, each with how often: named, never
    /// dropped silently.
    public var notes: [String] = []
}

/// Reads a GraphML file into a store: Guanxi's own export, and GraphML written by
/// NetworkX, Gephi, yEd or Cytoscape.
///
/// Attributes are mapped by their `attr.name`: `label`/`name` is the name, `type`
/// (comma-separated labels) the labels, `aliases`, `code` and `key` what Guanxi
/// exports; on edges `relation` (else `label`, `interaction`, `type`) is the relation
/// and `evidence`, `doc`, `rule` its provenance. Every other attribute is kept as a
/// property under its own name and type. yEd's drawing is not stored, but its label
/// text names a node or edge that has no name otherwise. Nested graphs, hyperedges,
/// ports and graph-level data are reported in the summary's notes.
///
/// The file is streamed (libxml2's reader) and written in one transaction: a
/// malformed file stores nothing and the error names its line. One thread reads and
/// maps the XML while the calling thread writes what it has mapped (`BatchPipe`).
public struct GraphMLImporter {
    let store: GraphStore
    let progress: ((ImportProgress) -> Void)?

    /// - Parameter progress: told how far the import has come, on the calling thread.
    public init(store: GraphStore, progress: ((ImportProgress) -> Void)? = nil) {
        self.store = store
        self.progress = progress
    }

    static let nameKeys = ["label", "name"]
    static let typeKeys = ["type", "labels", "kind", "category", "entity_type"]
    static let relationKeys = ["relation", "label", "interaction", "type", "predicate", "relationship"]

    /// Imports the file at `path`.
    /// - Throws: `ImportError` naming the file and line, or `StoreError`.
    public func importFile(_ path: String) throws -> ImportSummary {
        try importOnce(path, into: store, progress: progress) { hash, freshStore in
            var writer = try ImportWriter(store: store, path: path, hash: hash)
            let position = ReadPosition()
            var summary = try BatchPipe<ImportItem>.run(produce: { pipe in
                var state = ImportState(path: path, hash: hash, freshStore: freshStore)
                let reader = try XMLReader(path: path)
                var items = 0
                try state.run(reader) { item in
                    try pipe.put(item)
                    items += 1
                    if items % 1024 == 0 { position.set(reader.bytesRead) }
                }
                position.set(reader.bytesRead)
                return state.summary()
            }, consume: { item in
                try writer.write(item)
                if let progress, writer.written % 4096 == 0 {
                    progress(.reading(bytes: position.value, nodes: writer.nodeIDs.count, edges: writer.edges))
                }
            })
            summary.merged = writer.merged
            return summary
        }
    }
}

/// One element being read: a node or an edge and the data it carries so far.
struct PendingElement {
    var isEdge: Bool
    var id: String
    var source = ""
    var target = ""
    var line: Int
    /// Values by key id.
    var data: [String: String] = [:]
    /// Label text found in yEd's drawing (y:NodeLabel, y:EdgeLabel).
    var drawnLabel: String?
}

/// The parsing side of one import: keys declared, elements open, node ids seen,
/// counts; it maps each node and edge and hands it on.
struct ImportState {
    let path: String
    let hash: String
    let freshStore: Bool
    var keys: [String: GraphMLKey] = [:]
    /// Each node id the file has declared, with its number (`ImportItem.node`).
    var nodeNumbers: [String: Int] = [:]
    /// Each document name edges have named, with its number (`ImportItem.document`).
    var documentNumbers: [String: Int] = [:]
    var nodes = 0, edges = 0
    var untyped = 0, unrelated = 0, undirected = false
    var unmapped: [String: Int] = [:]
    let fileName: String
    /// The keys of each domain by lower-cased attribute name, and all of them in id
    /// order, built when the first node or edge needs them (GraphML declares keys first).
    var keysByName: [String: [String: [GraphMLKey]]] = [:]
    var keysInOrder: [String: [GraphMLKey]] = [:]

    init(path: String, hash: String, freshStore: Bool) {
        self.fileName = (path as NSString).lastPathComponent
        self.path = path
        self.hash = hash
        self.freshStore = freshStore
    }

    mutating func note(_ what: String) { unmapped[what, default: 0] += 1 }

    func summary() -> ImportSummary {
        var s = ImportSummary()
        s.nodes = nodes
        s.edges = edges
        if untyped > 0 { s.notes.append("\(untyped) node(s) have no type attribute: stored without a label") }
        if unrelated > 0 { s.notes.append("\(unrelated) edge(s) have no relation attribute: stored as related_to") }
        if undirected { s.notes.append("the graph is undirected: each edge is stored from its source to its target as written") }
        for (what, n) in unmapped.sorted(by: { $0.key < $1.key }) { s.notes.append("\(what) (\(n)×)") }
        return s
    }

    mutating func run(_ reader: XMLReader, _ emit: (ImportItem) throws -> Void) throws {
        var element: PendingElement?
        var dataKey: String?
        var dataText = ""
        var dataDepth = 0
        var inDrawnLabel = false
        var drawnText = ""
        var keyInProgress: GraphMLKey?
        var inDefault = false
        var graphDepth = 0
        var sawGraphML = false
        while let event = try reader.next() {
            switch event {
            case .start(let name, let prefix, let attributes, let empty, let line):
                if dataKey != nil {
                    // Markup inside data: yEd's drawing, or something else no attribute holds.
                    dataDepth += empty ? 0 : 1
                    if prefix == "y" && (name == "NodeLabel" || name == "EdgeLabel") && !empty {
                        inDrawnLabel = true
                        drawnText = ""
                    }
                    continue
                }
                switch name {
                case "graphml":
                    sawGraphML = true
                case "key":
                    guard let id = attributes["id"] else { throw ImportError("<key> without an id", file: path, line: line) }
                    let key = GraphMLKey(id: id, domain: attributes["for"] ?? "all", name: attributes["attr.name"] ?? id,
                                         type: attributes["attr.type"] ?? "string", yfilesType: attributes["yfiles.type"])
                    if empty { keys[id] = key } else { keyInProgress = key }
                case "default":
                    inDefault = true
                    dataText = ""
                case "graph":
                    guard sawGraphML else { throw ImportError("not GraphML: <graph> outside <graphml>", file: path, line: line) }
                    graphDepth += 1
                    if graphDepth > 1 { note("nested graph flattened: its nodes and edges are stored in the one graph") }
                    if attributes["edgedefault"] == "undirected" { undirected = true }
                case "node":
                    guard let id = attributes["id"] else { throw ImportError("<node> without an id", file: path, line: line) }
                    element = PendingElement(isEdge: false, id: id, line: line)
                    if empty, let e = element { try finish(e, emit); element = nil }
                case "edge":
                    guard let source = attributes["source"], let target = attributes["target"] else {
                        throw ImportError("<edge> without source and target", file: path, line: line)
                    }
                    if attributes["directed"] == "false" { undirected = true }
                    var e = PendingElement(isEdge: true, id: attributes["id"] ?? "", line: line)
                    e.source = source
                    e.target = target
                    element = e
                    if empty { try finish(e, emit); element = nil }
                case "data":
                    guard let key = attributes["key"] else { throw ImportError("<data> without a key", file: path, line: line) }
                    if element == nil {
                        note("graph-level data of key '\(keys[key]?.name ?? key)' not stored")
                        if !empty { dataKey = key; dataText = ""; dataDepth = 0 }
                        continue
                    }
                    if !empty {
                        dataKey = key
                        dataText = ""
                        dataDepth = 0
                    }
                case "hyperedge":
                    note("hyperedge not stored")
                case "port":
                    note("port not stored")
                default:
                    break
                }
            case .text(let text):
                if inDrawnLabel { drawnText += text } else if dataKey != nil || inDefault { dataText += text }
            case .end(let name):
                if dataKey != nil && dataDepth > 0 {
                    if inDrawnLabel && (name == "NodeLabel" || name == "EdgeLabel") {
                        inDrawnLabel = false
                        let label = drawnText.trimmingWhitespace
                        if !label.isEmpty, element != nil, element?.drawnLabel == nil { element?.drawnLabel = label }
                    }
                    dataDepth -= 1
                    continue
                }
                switch name {
                case "data":
                    if let key = dataKey, element != nil {
                        if keys[key]?.yfilesType != nil {
                            note("yEd drawing of key '\(key)' (\(keys[key]?.yfilesType ?? "")) not stored")
                        } else {
                            element?.data[key] = dataText
                        }
                    }
                    dataKey = nil
                case "default":
                    inDefault = false
                    keyInProgress?.defaultValue = dataText
                case "key":
                    if let k = keyInProgress { keys[k.id] = k }
                    keyInProgress = nil
                case "node", "edge":
                    if let e = element { try finish(e, emit) }
                    element = nil
                case "graph":
                    graphDepth -= 1
                default:
                    break
                }
            }
        }
        if !sawGraphML { throw ImportError("not GraphML: no <graphml> element", file: path) }
    }

    /// Indexes the keys of `domain` once.
    mutating func index(_ domain: String) {
        guard keysInOrder[domain] == nil else { return }
        let usable = keys.values.filter { ($0.domain == domain || $0.domain == "all") && $0.yfilesType == nil }.sorted { $0.id < $1.id }
        keysInOrder[domain] = usable
        keysByName[domain] = Dictionary(grouping: usable, by: { $0.name.lowercased() })
    }

    /// The value of the first of `names` among `element`'s data (or its keys' defaults).
    func value(_ element: PendingElement, _ names: [String], domain: String) -> (String, GraphMLKey)? {
        for wanted in names {
            for key in keysByName[domain]?[wanted] ?? [] {
                if let v = element.data[key.id] ?? key.defaultValue { return (v, key) }
            }
        }
        return nil
    }

    /// Every data value of `element` with its key, defaults included.
    func allData(_ element: PendingElement, domain: String) -> [(GraphMLKey, String)] {
        (keysInOrder[domain] ?? []).compactMap { key in (element.data[key.id] ?? key.defaultValue).map { (key, $0) } }
    }

    func typed(_ key: GraphMLKey, _ text: String, line: Int) throws -> PropertyValue {
        do {
            return try key.value(text)
        } catch {
            throw ImportError("value '\(error.text)' of attribute '\(key.name)' is not of its declared type \(error.type)", file: path, line: line)
        }
    }

    mutating func finish(_ element: PendingElement, _ emit: (ImportItem) throws -> Void) throws {
        index(element.isEdge ? "edge" : "node")
        if element.isEdge {
            try finishEdge(element, emit)
        } else {
            try emit(try finishNode(element))
        }
    }

    static let nodeFields: Set<String> = ["label", "name", "type", "labels", "kind", "category", "entity_type", "aliases", "code", "key",
                                          "mentions", "documents", "path"]

    mutating func finishNode(_ element: PendingElement) throws -> ImportItem {
        let number = nodeNumbers.count
        guard nodeNumbers.updateValue(number, forKey: element.id) == nil else {
            throw ImportError("node id '\(element.id)' declared twice", file: path, line: element.line)
        }
        let name = value(element, GraphMLImporter.nameKeys, domain: "node")?.0 ?? element.drawnLabel
        let typeText = value(element, GraphMLImporter.typeKeys, domain: "node")?.0
        let labels = (typeText ?? "").split(separator: ",").map { String($0).trimmingWhitespace }.filter { !$0.isEmpty }
        if labels.isEmpty { untyped += 1 }
        let code = value(element, ["code"], domain: "node")?.0.trimmingWhitespace
        let key: String
        if let given = value(element, ["key"], domain: "node")?.0, !given.isEmpty {
            key = given
        } else if let code, !code.isEmpty {
            key = "code:\(code)"
        } else if let type = labels.first, let name, !name.isEmpty, type != "Person" {
            key = "\(type):\(Simplifier.simplified(name))"
        } else {
            key = "import:\(hash):\(element.id)"
        }
        var node = ImportedNode(key: key)
        if freshStore, let n = Self.number(element.id, prefix: "n") { node.preferredID = n }
        node.labels = labels
        node.name = name
        node.code = code.flatMap { $0.isEmpty ? nil : $0 }
        if let aliases = value(element, ["aliases"], domain: "node")?.0 {
            node.aliases = aliases.components(separatedBy: " | ").map(\.trimmingWhitespace).filter { !$0.isEmpty }
        }
        if let (text, k) = value(element, ["mentions"], domain: "node"), case .integer(let n) = try typed(k, text, line: element.line) { node.mentions = Int(n) }
        if let (text, k) = value(element, ["documents"], domain: "node"), case .integer(let n) = try typed(k, text, line: element.line) { node.documents = Int(n) }
        node.path = value(element, ["path"], domain: "node")?.0
        // A node id of another tool's (a NetworkX node key) is kept; Guanxi's own n<id> is the row id.
        if Self.number(element.id, prefix: "n") == nil { node.properties.append(("graphml_id", .string(element.id))) }
        for (k, text) in allData(element, domain: "node") where !Self.nodeFields.contains(k.name.lowercased()) {
            node.properties.append((k.name, try typed(k, text, line: element.line)))
        }
        nodes += 1
        return .node(index: number, node)
    }

    static let edgeFields: Set<String> = ["relation", "label", "interaction", "type", "predicate", "relationship", "evidence", "doc", "rule",
                                          "first_reported", "last_reported", "reports", "date"]

    mutating func finishEdge(_ element: PendingElement, _ emit: (ImportItem) throws -> Void) throws {
        guard let source = nodeNumbers[element.source] else { throw undeclared(element.source, element) }
        guard let target = nodeNumbers[element.target] else { throw undeclared(element.target, element) }
        var relation = value(element, GraphMLImporter.relationKeys, domain: "edge")?.0.trimmingWhitespace ?? element.drawnLabel ?? ""
        if relation.isEmpty {
            relation = "related_to"
            unrelated += 1
        }
        // The ends' row ids are the writer's to fill in.
        var edge = ImportedEdge(source: 0, target: 0, relation: relation)
        if freshStore, let n = Self.number(element.id, prefix: "e") { edge.preferredID = n }
        edge.evidence = value(element, ["evidence"], domain: "edge")?.0
        edge.document = value(element, ["doc"], domain: "edge")?.0
        edge.rule = value(element, ["rule"], domain: "edge")?.0
        edge.firstReported = value(element, ["first_reported"], domain: "edge")?.0
        edge.lastReported = value(element, ["last_reported"], domain: "edge")?.0
        edge.date = value(element, ["date"], domain: "edge")?.0
        if let (text, k) = value(element, ["reports"], domain: "edge"), case .integer(let n) = try typed(k, text, line: element.line) { edge.reports = Int(n) }
        for (k, text) in allData(element, domain: "edge") where !Self.edgeFields.contains(k.name.lowercased()) {
            edge.properties.append((k.name, try typed(k, text, line: element.line)))
        }
        edges += 1
        let document = try documentNumber(edge.document ?? fileName, emit)
        try emit(.edge(source: source, target: target, edge, document: document))
    }

    func undeclared(_ end: String, _ element: PendingElement) -> ImportError {
        ImportError("edge refers to node '\(end)', which no <node> before it declares", file: path, line: element.line)
    }

    /// The number of the document `name`, handing the writer the name first when no
    /// edge has named it before.
    mutating func documentNumber(_ name: String, _ emit: (ImportItem) throws -> Void) throws -> Int {
        if let known = documentNumbers[name] { return known }
        let number = documentNumbers.count
        documentNumbers[name] = number
        try emit(.document(index: number, name: name))
        return number
    }

    /// The number in an id such as `n42`, when the id is exactly that shape.
    static func number(_ id: String, prefix: String) -> Int64? {
        guard id.hasPrefix(prefix), id.count > prefix.count else { return nil }
        return Int64(id.dropFirst(prefix.count))
    }
}
