import GuanxiStore

/// What the parsing thread hands the writer, in file order: a node with its id in the
/// file, or an edge with the file ids of its ends and the document its provenance names.
enum ImportItem: Sendable {
    case node(id: String, ImportedNode)
    case edge(source: String, target: String, ImportedEdge, document: String)
}
