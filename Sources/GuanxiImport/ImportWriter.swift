import GuanxiStore

/// Writes mapped nodes and edges into the store: the calling thread's side of an import.
struct ImportWriter {
    let store: GraphStore
    let session: ImportSession
    let path: String
    let hash: String
    /// Store row ids by the parser's node numbers.
    var nodeIDs: [Int64] = []
    /// Document row ids by the parser's document numbers.
    var documents: [Int64] = []
    var merged = 0
    var written = 0
    var edges = 0

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
        case .node(let index, let node):
            let stored = try store.importNode(node, fileHash: hash, session: session)
            // Numbered in the order they come: the index is the next slot.
            guard index == nodeIDs.count else {
                throw ImportError("node number \(index) reached the writer out of order", file: path)
            }
            nodeIDs.append(stored.id)
            if !stored.created { merged += 1 }
        case .document(let index, let name):
            guard index == documents.count else {
                throw ImportError("document number \(index) reached the writer out of order", file: path)
            }
            documents.append(try store.importDocument(name: name, path: path, fileHash: hash))
        case .edge(let source, let target, var edge, let document):
            // The parser checked that a node declares each end before the edge, and
            // named each document before its first edge; items come in file order.
            guard source < nodeIDs.count, target < nodeIDs.count, document < documents.count else {
                throw ImportError("edge reached the writer before its nodes or its document", file: path)
            }
            edge.source = nodeIDs[source]
            edge.target = nodeIDs[target]
            _ = try store.importEdge(edge, document: documents[document], session: session)
            edges += 1
        }
    }
}
