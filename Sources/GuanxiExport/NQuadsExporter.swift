import GuanxiText
import GuanxiExtraction
import GuanxiStore

/// Writes the graph as RDF N-Quads: the facts in one named graph per document, and
/// every fact's role, amount and evidence as reified statements.
///
/// IRIs: nodes `urn:guanxi:node:<id>`, relations `urn:guanxi:rel:<relation>`, types
/// `urn:guanxi:type:<Type>`, documents `urn:guanxi:doc:<content hash>`, facts
/// `urn:guanxi:fact:<id>`, evidence `urn:guanxi:evidence:<id>`, the gazetteer's
/// hierarchy facts `urn:guanxi:gazetteer`. Names are `rdfs:label`, types `rdf:type`,
/// in the default graph; each fact appears once in the graph of every document that
/// states it (a fact with no document, from a loaded graph, in the default graph).
///
/// Provenance uses RDF 1.1 reification, not RDF-star: every RDF 1.1 store and SPARQL
/// 1.1 engine reads it (pyoxigraph, rdflib, Jena, GraphDB), while quoted triples are
/// still a draft (RDF 1.2) that many tools reject. The vocabulary, `urn:guanxi:vocab:`:
/// - a fact `urn:guanxi:fact:<id>` is an `rdf:Statement` with `rdf:subject`,
///   `rdf:predicate`, `rdf:object`, and `role`, `amount` (as written) and
///   `amountYuan` (`xsd:decimal`) where the store has them;
/// - each provenance row `urn:guanxi:evidence:<id>`, in its document's graph, has
///   `supports` (the fact), `document`, `evidence` (the text), `rule`, `start` and
///   `end` (character offsets, `xsd:integer`);
/// - a document has `rdfs:label` (its file name); a node `key` (its identity across
///   rebuilds), `alias` and `code` (gazetteer code) where it has them.
public struct NQuadsExporter {
    let store: GraphStore
    let progress: ((ExportProgress) -> Void)?

    /// An exporter of `store`; `progress` is told how many nodes and facts are written,
    /// on the calling thread.
    public init(store: GraphStore, progress: ((ExportProgress) -> Void)? = nil) {
        self.store = store
        self.progress = progress
    }

    /// The vocabulary's namespace.
    public static let vocabulary = "urn:guanxi:vocab:"

    /// A string literal. JSON's escapes (`\"`, `\\`, `\n`, `\r`, `\t`, `\uXXXX`) are all
    /// N-Quads escapes too, so the JSON quoter serves.
    static func literal(_ s: String) -> String { JSONString.quote(s) }

    static func typed(_ value: String, _ datatype: String) -> String {
        "\"\(value)\"^^<http://www.w3.org/2001/XMLSchema#\(datatype)>"
    }

    static func term(_ name: String) -> String { "<\(vocabulary)\(name)>" }

    static func iri(_ kind: String, _ value: String) -> String {
        // Ids and hashes need no escaping: only names do, rarely.
        guard value.unicodeScalars.contains(where: needsEscape) else { return "<urn:guanxi:\(kind):\(value)>" }
        var safe = ""
        for u in value.unicodeScalars {
            if needsEscape(u) { safe += String(format: "%%%02X", u.value) } else { safe.unicodeScalars.append(u) }
        }
        return "<urn:guanxi:\(kind):\(safe)>"
    }

    /// Characters an IRI cannot hold as they are: controls, space, and `<>"{}|^`\`.
    static func needsEscape(_ u: Unicode.Scalar) -> Bool {
        switch u {
        case "<", ">", "\"", "{", "}", "|", "^", "`", "\\": return true
        default: return u.value <= 0x20
        }
    }

    /// Writes the quads (`-` for standard output); returns how many.
    public func write(to path: String) throws -> Int {
        // Every scan below reads the same commit, though another process writes meanwhile.
        try store.database.readSnapshot { try writeFromSnapshot(to: path) }
    }

    func writeFromSnapshot(to path: String) throws -> Int {
        let sink = try TextSink(path: path)
        var count = 0
        func quad(_ s: String, _ p: String, _ o: String, _ g: String? = nil) throws {
            try sink.line(g.map { "\(s) \(p) \(o) \($0) ." } ?? "\(s) \(p) \(o) .")
            count += 1
        }
        let label = "<http://www.w3.org/2000/01/rdf-schema#label>"
        let rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
        let type = "<\(rdf)type>"
        var counter = ExportProgressCounter(progress)
        try store.forEachNode(GraphSelection(), keep: nil) { node in
            counter.countNode()
            let subject = Self.iri("node", String(node.id))
            try quad(subject, label, Self.literal(node.name))
            for l in node.labels { try quad(subject, type, Self.iri("type", l)) }
            if !node.key.isEmpty { try quad(subject, Self.term("key"), Self.literal(node.key)) }
            for a in node.aliases { try quad(subject, Self.term("alias"), Self.literal(a)) }
            if let code = node.code { try quad(subject, Self.term("code"), Self.literal(code)) }
        }
        func emit(_ e: EdgeRecord, graphs: Set<String>) throws {
            let (s, p, o) = (Self.iri("node", String(e.source)), Self.iri("rel", e.relation), Self.iri("node", String(e.target)))
            if graphs.isEmpty { try quad(s, p, o) }
            for g in graphs.sorted() { try quad(s, p, o, g) }
            let fact = Self.iri("fact", String(e.id))
            try quad(fact, type, "<\(rdf)Statement>")
            try quad(fact, "<\(rdf)subject>", s)
            try quad(fact, "<\(rdf)predicate>", p)
            try quad(fact, "<\(rdf)object>", o)
            for (key, value) in e.properties {
                switch (key, value) {
                case ("role", .string(let r)): try quad(fact, Self.term("role"), Self.literal(r))
                case ("amount", .string(let a)): try quad(fact, Self.term("amount"), Self.literal(a))
                case ("amount_yuan", .float(let y)): try quad(fact, Self.term("amountYuan"), Self.typed(String(format: "%.2f", y), "decimal"))
                case ("amount_yuan", .integer(let y)): try quad(fact, Self.term("amountYuan"), Self.typed(String(y), "decimal"))
                default: break
                }
            }
        }
        var documents = Set<String>()
        // Facts in id order, each after its evidence; facts with no provenance row at
        // the end. Only those wait in memory, which otherwise stays flat.
        var unsupported: [EdgeRecord] = []
        try store.forEachEdge(GraphSelection(), keep: nil, withProvenance: true) { e in
            counter.countEdge()
            guard !e.provenance.isEmpty else { return unsupported.append(e) }
            var graphs = Set<String>()
            for p in e.provenance {
                let graph: String?
                if p.source.hasPrefix("gazetteer:") {
                    graph = "<urn:guanxi:gazetteer>"
                } else if let hash = p.documentHash {
                    graph = Self.iri("doc", hash)
                } else {
                    graph = nil
                }
                if let graph { graphs.insert(graph) }
                guard let hash = p.documentHash else { continue }
                let document = Self.iri("doc", hash)
                if documents.insert(hash).inserted, let name = p.document { try quad(document, label, Self.literal(name)) }
                let evidence = Self.iri("evidence", String(p.id))
                try quad(evidence, Self.term("supports"), Self.iri("fact", String(p.edge)), graph)
                try quad(evidence, Self.term("document"), document, graph)
                try quad(evidence, Self.term("rule"), Self.literal(p.rule), graph)
                if let text = p.evidence { try quad(evidence, Self.term("evidence"), Self.literal(text), graph) }
                if let start = p.start { try quad(evidence, Self.term("start"), Self.typed(String(start), "integer"), graph) }
                if let end = p.end { try quad(evidence, Self.term("end"), Self.typed(String(end), "integer"), graph) }
            }
            try emit(e, graphs: graphs)
        }
        for e in unsupported { try emit(e, graphs: []) }
        try sink.close()
        return count
    }
}
