import Foundation
import GuanxiStore

/// Reads Guanxi's JSON lines into a store: the output of `guanxi extract --format jsonl`
/// (or `guanxi export --jsonl`), a document line per article, then its entities and
/// facts. The store then holds what `guanxi build` of the same articles would, short of
/// the article texts: extraction on one machine, the graph on another.
///
/// Entities are the nodes `build` makes (a place by its gazetteer code, an organisation
/// by type and name; a person, or a place the gazetteer did not decide, within its
/// document), with their mentions; a fact names its entities by name or alias within its
/// document and keeps its evidence, offsets and rule as its provenance. A line that is no
/// JSON object, or a fact naming an entity its document does not declare, stops the
/// import with the line's number; nothing is stored then.
public struct JSONLinesImporter {
    let store: GraphStore
    let progress: ((ImportProgress) -> Void)?

    /// - Parameter progress: told how far the import has come, on the calling thread.
    public init(store: GraphStore, progress: ((ImportProgress) -> Void)? = nil) {
        self.store = store
        self.progress = progress
    }

    /// Imports the file at `path`.
    /// - Throws: `ImportError` naming the file and line, or `StoreError`.
    public func importFile(_ path: String) throws -> ImportSummary {
        try importOnce(path, into: store, progress: progress) { hash, _ in
            guard let handle = FileHandle(forReadingAtPath: path) else { throw ImportError("cannot be read", file: path) }
            defer { try? handle.close() }
            var state = try LinesState(store: store, path: path, hash: hash)
            var pending: [UInt8] = []
            var lineNumber = 0
            var read = 0
            while true {
                let chunk = handle.readData(ofLength: 1 << 20)
                if chunk.isEmpty { break }
                progress?(.reading(bytes: read, nodes: state.summary.nodes, edges: state.summary.edges))
                read += chunk.count
                pending.append(contentsOf: chunk)
                var start = 0
                while let newline = pending[start...].firstIndex(of: 0x0A) {
                    lineNumber += 1
                    try state.line(Array(pending[start..<newline]), number: lineNumber)
                    start = newline + 1
                }
                pending.removeFirst(start)
            }
            if !pending.isEmpty { try state.line(pending, number: lineNumber + 1) }
            return state.summary
        }
    }
}

/// The state of one JSON-lines import: documents, and per document its entities by
/// every name they go by.
struct LinesState {
    let store: GraphStore
    let path: String
    let hash: String
    let session: ImportSession
    var summary = ImportSummary()
    var documents: [String: Int64] = [:]
    var named: [String: [String: Int64]] = [:]
    var seenNodes = Set<Int64>()

    init(store: GraphStore, path: String, hash: String) throws {
        self.store = store
        self.path = path
        self.hash = hash
        self.session = try ImportSession(store: store)
    }

    mutating func document(_ name: String) throws -> Int64 {
        if let known = documents[name] { return known }
        let id = try store.importDocument(name: name, path: path, fileHash: hash)
        documents[name] = id
        return id
    }

    mutating func line(_ bytes: [UInt8], number: Int) throws {
        if number % 10_000 == 0 { store.trimSessionCaches() }
        guard bytes.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) else { return }
        guard let object = (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any] else {
            throw ImportError("not a JSON object", file: path, line: number)
        }
        func text(_ key: String) -> String? { object[key] as? String }
        guard let kind = text("kind"), let doc = text("doc") else {
            throw ImportError("a line needs \"kind\" and \"doc\"", file: path, line: number)
        }
        switch kind {
        case "document":
            try store.setImportedDocument(try document(doc), published: text("published"), outlet: text("outlet"))
        case "entity":
            guard let type = text("type"), let name = text("name"), !name.isEmpty else {
                throw ImportError("an entity needs \"type\" and \"name\"", file: path, line: number)
            }
            let documentID = try document(doc)
            let code = text("code")
            var node = ImportedNode(key: GraphStore.sharedNodeKey(type: type, name: name, code: code) ?? "\(type):\(name)@\(hash):\(doc)")
            node.labels = [type]
            node.name = name
            node.code = code
            node.aliases = (object["aliases"] as? [String]) ?? []
            let (id, created) = try store.importNode(node, fileHash: hash, session: session)
            if !created || !seenNodes.insert(id).inserted { summary.merged += 1 }
            summary.nodes += 1
            let rules = (object["rules"] as? [String]) ?? []
            let spans = (object["mentions"] as? [[Int]]) ?? []
            // Export lines carry no offsets: one mention stands for the document's.
            for (k, span) in (spans.isEmpty ? [[0, 0]] : spans).enumerated() where span.count == 2 {
                try store.importMention(node: id, document: documentID, start: span[0], end: span[1],
                                        rule: rules.indices.contains(k) ? rules[k] : (rules.first ?? "import"), surface: name)
            }
            for alias in [name] + node.aliases { named[doc, default: [:]][alias] = named[doc]?[alias] ?? id }
        case "relation":
            guard let subject = text("subject"), let predicate = text("predicate"), let object_ = text("object") else {
                throw ImportError("a relation needs \"subject\", \"predicate\" and \"object\"", file: path, line: number)
            }
            guard let s = named[doc]?[subject] else {
                throw ImportError("relation names '\(subject)', which no entity line of \(doc) before it declares", file: path, line: number)
            }
            guard let o = named[doc]?[object_] else {
                throw ImportError("relation names '\(object_)', which no entity line of \(doc) before it declares", file: path, line: number)
            }
            var edge = ImportedEdge(source: s, target: o, relation: predicate)
            edge.provenanceSource = "document"
            edge.joinsSameFact = true
            edge.evidence = text("evidence")
            edge.rule = text("rule")
            edge.start = object["start"] as? Int
            edge.end = object["end"] as? Int
            if let role = text("role") { edge.properties.append(("role", .string(role))) }
            if let amount = text("amount") { edge.properties.append(("amount", .string(amount))) }
            if let yuan = object["amount_yuan"] as? Double { edge.properties.append(("amount_yuan", .float(yuan))) }
            _ = try store.importEdge(edge, document: try document(doc), session: session)
            summary.edges += 1
        default:
            summary.notes.append("line \(number): kind '\(kind)' not stored")
        }
    }
}
