import GuanxiStore

/// What the parsing thread hands the writer, in file order: a node, numbered in the
/// order the file declares nodes; a document an edge names, numbered likewise, before
/// the first edge that names it; or an edge with the numbers of its ends and of its
/// document. The parser resolves the file's ids, so that the writer, the thread every
/// element waits for, hashes no string to find them.
enum ImportItem: Sendable {
    case node(index: Int, ImportedNode)
    case document(index: Int, name: String)
    case edge(source: Int, target: Int, ImportedEdge, document: Int)
}
