import GuanxiExtraction
import GuanxiStore

/// Writes the graph as RDF N-Quads: one named graph per document.
///
/// IRIs: nodes `urn:guanxi:node:<id>`, relations `urn:guanxi:rel:<relation>`, types
/// `urn:guanxi:type:<Type>`, documents `urn:guanxi:doc:<content hash>`, the gazetteer's
/// hierarchy facts `urn:guanxi:gazetteer`. Names are `rdfs:label`, types `rdf:type`, in
/// the default graph; each fact appears once in the graph of every document that
/// states it (a fact with no document, from a loaded graph, in the default graph).
public struct NQuadsExporter {
    let store: GraphStore

    /// An exporter of `store`.
    public init(store: GraphStore) { self.store = store }

    /// A string literal. JSON's escapes (`\"`, `\\`, `\n`, `\r`, `\t`, `\uXXXX`) are all
    /// N-Quads escapes too, so the JSON quoter serves.
    static func literal(_ s: String) -> String { JSONLines.quote(s) }

    static func iri(_ kind: String, _ value: String) -> String {
        let safe = value.unicodeScalars.map { u -> String in
            let bad: Set<Unicode.Scalar> = ["<", ">", "\"", "{", "}", "|", "^", "`", "\\", " "]
            return u.value <= 0x20 || bad.contains(u) ? String(format: "%%%02X", u.value) : String(u)
        }.joined()
        return "<urn:guanxi:\(kind):\(safe)>"
    }

    /// Writes the quads (`-` for standard output); returns how many.
    public func write(to path: String) throws -> Int {
        let sink = try TextSink(path: path)
        var count = 0
        let label = "<http://www.w3.org/2000/01/rdf-schema#label>"
        let type = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
        try store.forEachNode(GraphSelection(), keep: nil) { node in
            let subject = Self.iri("node", String(node.id))
            try sink.line("\(subject) \(label) \(Self.literal(node.name)) .")
            count += 1
            for l in node.labels {
                try sink.line("\(subject) \(type) \(Self.iri("type", l)) .")
                count += 1
            }
        }
        var edges: [Int64: (Int64, String, Int64)] = [:]
        var pending: Int64 = -1
        var graphs = Set<String>()
        func emit(_ edge: Int64) throws {
            guard let (s, p, o) = edges[edge] else { return }
            let triple = "\(Self.iri("node", String(s))) \(Self.iri("rel", p)) \(Self.iri("node", String(o)))"
            if graphs.isEmpty {
                try sink.line(triple + " .")
                count += 1
            }
            for g in graphs.sorted() {
                try sink.line("\(triple) \(g) .")
                count += 1
            }
            edges[edge] = nil
        }
        // Facts with their graphs: provenance rows come in edge order.
        try store.forEachEdge(GraphSelection(), keep: nil) { e in edges[e.id] = (e.source, e.relation, e.target) }
        try store.forEachProvenance { p in
            if p.edge != pending {
                try emit(pending)
                pending = p.edge
                graphs = []
            }
            if p.source.hasPrefix("gazetteer:") {
                graphs.insert("<urn:guanxi:gazetteer>")
            } else if let hash = p.documentHash {
                graphs.insert(Self.iri("doc", hash))
            }
        }
        try emit(pending)
        graphs = []
        for id in edges.keys.sorted() { try emit(id) }
        try sink.close()
        return count
    }
}
