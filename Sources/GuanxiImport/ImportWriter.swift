import GuanxiStore

/// Writes mapped nodes and edges into the store: the calling thread's side of an import.
struct ImportWriter {
    let store: GraphStore
    let session: ImportSession
    let path: String
    let hash: String
    /// Store row ids by the file's node ids.
    var nodeIDs: [String: Int64] = [:]
    var documents: [String: Int64] = [:]
    var merged = 0
    var written = 0

    init(store: GraphStore, path: String, hash: String) throws {
        self.store = store
        self.session = try ImportSession(store: store)
        self.path = path
        self.hash = hash
    }

    mutating func write(_ item: ImportItem) throws {
        written += 1
        if written % 10_000 == 0 { store.trimSessionCaches() }
        switch item {
        case .node(let id, let node):
            let stored = try store.importNode(node, fileHash: hash, session: session)
            nodeIDs[id] = stored.id
            if !stored.created { merged += 1 }
        case .edge(let source, let target, var edge, let documentName):
            // The parser checked that a node declares each end before the edge, and
            // items come in file order, so both are written.
            guard let s = nodeIDs[source], let o = nodeIDs[target] else {
                throw ImportError("edge between '\(source)' and '\(target)' reached the writer before its nodes", file: path)
            }
            edge.source = s
            edge.target = o
            let document: Int64
            if let known = documents[documentName] {
                document = known
            } else {
                document = try store.importDocument(name: documentName, path: path, fileHash: hash)
                documents[documentName] = document
            }
            _ = try store.importEdge(edge, document: document, session: session)
        }
    }
}
