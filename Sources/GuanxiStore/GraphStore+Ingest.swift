import Foundation
import GuanxiExtraction
import GuanxiText

/// What building one document did.
public enum IngestOutcome: Sendable, Equatable {
    /// A new document was stored.
    case added
    /// The same content was stored before: nothing changed.
    case unchanged
    /// The file changed since it was stored: its old facts were replaced.
    case replaced
}

/// Counts of what one ingest wrote.
public struct IngestCounts: Sendable {
    public var outcome: IngestOutcome
    public var entities = 0
    public var facts = 0
}

extension GraphStore {
    /// The content hashes of every stored document.
    public func documentHashes() throws -> [String] {
        try database.rows("SELECT hash FROM documents").compactMap { $0.first?.text }
    }

    /// Stores one document's entities and facts in one transaction: a failure leaves
    /// the store as it was. The same content again changes nothing; a changed file
    /// (same path, new content) replaces its own facts.
    /// `contentHash` is `ContentHash.of` the source and `text` the source's text as a
    /// string, when the caller has them already (a build's extractors make both, off
    /// the writer's thread).
    /// - Complexity: O(entities + facts) statements.
    public func ingest(_ extraction: DocumentExtraction, contentHash: String? = nil, text: String? = nil, gazetteer: Gazetteer,
                       overrides: MergeOverrides = MergeOverrides(), rebuild: Bool = false) throws -> IngestCounts {
        let source = extraction.source
        let hash = contentHash ?? ContentHash.of(source.scalars)
        let st = try statements()
        do {
            return try database.transaction {
                try takeWriteTurn()
                var outcome = IngestOutcome.added
                if let existing = try st.documentByHash.first([.text(hash)])?.first?.integer {
                    guard rebuild else { return IngestCounts(outcome: .unchanged) }
                    try retract(documentID: existing)
                    outcome = .replaced
                }
                try st.documentsByPath.bind([.text(source.path)])
                var old: [Int64] = []
                while try st.documentsByPath.step() { if let id = st.documentsByPath.column(0).integer { old.append(id) } }
                st.documentsByPath.reset()
                for id in old {
                    try retract(documentID: id)
                    outcome = .replaced
                }
                let now = timestamp.string(from: Date())
                let published = extraction.metadata.published
                let document = try insertedID(st.insertDocument, [.text(source.name), .text(source.path), .text(hash), .text(source.encoding),
                                           .integer(Int64(source.scalars.count)), .text(now),
                                           published.map { .text($0.description) } ?? .null, published?.firstDay.map { .text($0) } ?? .null,
                                           published?.lastDay.map { .text($0) } ?? .null, extraction.metadata.outlet.map { .text($0) } ?? .null,
                                           .text(text ?? String(scalars: source.scalars))])
                var writer = DocumentWriter(store: self, extraction: extraction, gazetteer: gazetteer, overrides: overrides,
                                            document: document, hash: hash, time: now)
                let counts = try writer.write()
                return IngestCounts(outcome: outcome, entities: counts.0, facts: counts.1)
            }
        } catch {
            // Ids cached during the rolled-back document are gone.
            clearCaches()
            throw error
        }
    }
}

/// Writes one document's entities and facts into the store.
struct DocumentWriter {
    let store: GraphStore
    let extraction: DocumentExtraction
    let gazetteer: Gazetteer
    let overrides: MergeOverrides
    let document: Int64
    let hash: String
    let time: String
    var nodeOf: [Int: Int64] = [:]
    /// The document's publication date, first and last day, for its provenance rows.
    var published: [SQLValue] {
        let p = extraction.metadata.published
        return [p.map { .text($0.description) } ?? .null, p?.firstDay.map { .text($0) } ?? .null, p?.lastDay.map { .text($0) } ?? .null]
    }

    init(store: GraphStore, extraction: DocumentExtraction, gazetteer: Gazetteer, overrides: MergeOverrides,
         document: Int64, hash: String, time: String) {
        self.store = store
        self.extraction = extraction
        self.gazetteer = gazetteer
        self.overrides = overrides
        self.document = document
        self.hash = hash
        self.time = time
    }

    mutating func write() throws -> (Int, Int) {
        let st = try store.statements()
        // Units first, so that persons can be merged by the units they hold roles in.
        for e in extraction.entities where e.type != .person { try place(e) }
        for e in extraction.entities where e.type == .person { try place(e) }
        var facts = 0
        for r in extraction.relations {
            guard let s = nodeOf[r.subject], let o = nodeOf[r.object] else { continue }
            let edge = try triple(s, r.predicate.rawValue, o)
            if let role = r.role { try mergeEdgeText(edge, "role", role) }
            if let amount = r.amount { try store.setEdgeProperty(edge, "amount", .text(amount)) }
            if let yuan = r.amountYuan { try store.setEdgeProperty(edge, "amount_yuan", .real(yuan)) }
            let sentence = r.evidence.sentence < extraction.sentences.count ? extraction.sentences[r.evidence.sentence] : nil
            try st.insertProvenance.run([
                .integer(edge), .integer(document), .text("document"), .integer(Int64(r.evidence.start)), .integer(Int64(r.evidence.end)),
                .integer(Int64(extraction.source.line(of: r.evidence.start))), .text(extraction.text(r.evidence)),
                sentence.map { .text(Self.withoutLineBreaks(extraction.source.text($0.start..<$0.end))) } ?? .null,
                .text(r.evidence.rule), .text(GraphStore.extractorVersion), .text(time),
            ] + published + [r.date.map { .text($0.description) } ?? .null])
            facts += 1
        }
        facts += try hierarchy()
        return (extraction.entities.count, facts)
    }

    /// `text` with its line breaks dropped (a sentence as evidence reads on one line),
    /// by scalars: Foundation's string replacement cost the writer 7 % of its time.
    static func withoutLineBreaks(_ text: String) -> String {
        guard text.utf8.contains(0x0A) else { return text }
        return String(scalars: text.unicodeScalars.lazy.filter { $0 != "\n" })
    }

    /// The identity of an entity across documents.
    func key(for e: Entity) throws -> String {
        let name = e.name
        // (The key of an override is only built when there are overrides.)
        if !overrides.forbid.isEmpty && overrides.forbid.contains(MergeOverrides.key(e.type, name)) { return "\(e.type.rawValue):\(name)@\(hash)" }
        if e.type != .person {
            // A place the gazetteer does not decide is kept to its document.
            return GraphStore.sharedNodeKey(type: e.type.rawValue, name: name, code: e.code) ?? "\(e.type.rawValue):\(name)@\(hash)"
        }
        if !overrides.force.isEmpty && overrides.force.contains(MergeOverrides.key(.person, name)) { return "Person:\(name)" }
        // A person is merged only where a unit they hold a role in agrees.
        let units = extraction.relations.filter { $0.subject == e.id && ($0.predicate == .leads || $0.predicate == .memberOf) }
            .compactMap { nodeOf[$0.object] }
        let st = try store.statements()
        for unit in units {
            if let key = try st.personByUnit.first([.integer(unit), .text(name)])?.first?.text { return key }
        }
        return "Person:\(name)@\(hash)#\(e.id)"
    }

    mutating func place(_ e: Entity) throws {
        let st = try store.statements()
        let key = try key(for: e)
        let (node, created) = try store.node(key: key)
        nodeOf[e.id] = node
        if !created {
            // One merge row per document beyond the first that mentions the node (a
            // retract gives the row of the next document up when the first goes).
            // A node this session wrote mentions of for an earlier document has them.
            let mentionedBefore = store.mentionedNodes[node].map { $0 != document } ?? false
            if try mentionedBefore || st.nodeHasMentionsElsewhere.first([.integer(node), .integer(document)]) != nil {
                let reason = key.hasPrefix("code:") ? "same gazetteer unit" : e.type == .person ? "same name and unit" : "same type and name"
                try st.insertMerge.run([.integer(node), .integer(document), .text(e.name), .text(reason), .text(time)])
            }
        }
        try store.addLabel(node, e.type.rawValue)
        let stored = created ? nil : try store.cachedNodeProperty(node, "name")?.text
        for m in e.mentions {
            try st.insertMention.run([.integer(node), .integer(document), .integer(Int64(m.start)), .integer(Int64(m.end)),
                                      .integer(Int64(m.sentence)), .text(m.rule), .text(extraction.text(m))])
        }
        if store.mentionedNodes[node] == nil, !e.mentions.isEmpty { store.mentionedNodes[node] = document }
        // Several written forms of one name: the node keeps the one most documents
        // write, on a tie the longer (上海市 over 上海), then the first in code point
        // order, and the others are aliases. Every form seen is weighed again whenever
        // a document brings another, so the name does not depend on the order in which
        // documents arrive (nor on which of several writers got there first).
        var name = e.name
        var aliases = e.aliases
        if key.hasPrefix("code:"), let code = e.code, let index = gazetteer.unit(code: code) {
            let unit = gazetteer.units[Int(index)]
            // A unit of the gazetteer is named as the gazetteer writes it in articles,
            // whichever form came first; the articles' forms are its aliases.
            name = unit.shortName
            aliases.append(e.name)
        } else if let stored, stored != e.name {
            var best = (name: e.name, documents: try documents(writing: e.name, node))
            for form in [stored] + (try store.aliases(of: node)) where form != e.name {
                let count = try documents(writing: form, node)
                if Self.preferred((form, count), over: best) { best = (form, count) }
            }
            name = best.name
            aliases.append(contentsOf: [stored, e.name].filter { $0 != name })
        }
        // Written only when it changes: on a server each write is a round trip.
        if name != stored { try store.setNodeProperty(node, "name", .text(name)) }
        // Nothing to add and the same name: the stored aliases stand (they never hold it).
        if !aliases.isEmpty || (stored != nil && name != stored) { try store.mergeAliases(node, aliases, name: name) }
        if created, let code = e.code { try store.setNodeProperty(node, "code", .text(code)) }
        if let n = e.unresolvedCandidates { try store.setNodeProperty(node, "unresolved", .integer(Int64(n))) }
    }

    /// Whether a name written by `a.documents` documents beats one written by `b`'s.
    static func preferred(_ a: (name: String, documents: Int64), over b: (name: String, documents: Int64)) -> Bool {
        if a.documents != b.documents { return a.documents > b.documents }
        let (la, lb) = (a.name.unicodeScalars.count, b.name.unicodeScalars.count)
        if la != lb { return la > lb }
        return a.name.unicodeScalars.lexicographicallyPrecedes(b.name.unicodeScalars)
    }

    /// How many documents write `form` for `node`.
    func documents(writing form: String, _ node: Int64) throws -> Int64 {
        try store.database.scalar("SELECT count(DISTINCT document) FROM mentions WHERE node = ? AND surface = ?",
                                  [.integer(node), .text(form)])?.integer ?? 0
    }

    func triple(_ s: Int64, _ predicate: String, _ o: Int64) throws -> Int64 {
        try store.edge(s, predicate, o, reuse: true)
    }

    func mergeEdgeText(_ edge: Int64, _ key: String, _ value: String) throws {
        let old = try store.edgeProperty(edge, key)?.text
        guard let old, !old.isEmpty else { return try store.setEdgeProperty(edge, key, .text(value)) }
        let parts = old.components(separatedBy: "、")
        let merged = value.components(separatedBy: "、").filter { !parts.contains($0) }
        if !merged.isEmpty { try store.setEdgeProperty(edge, key, .text(([old] + merged).joined(separator: "、"))) }
    }

    /// For every place tied to a gazetteer unit, the chain up to its province as
    /// `belongs_to` facts with source `gazetteer:<code>`.
    mutating func hierarchy() throws -> Int {
        let st = try store.statements()
        var written = 0
        var done = Set<Int64>()
        for e in extraction.entities {
            guard let code = e.code, let unit = gazetteer.unit(code: code), var child = nodeOf[e.id] else { continue }
            for ancestor in gazetteer.lineage(unit).dropFirst() {
                let u = gazetteer.units[Int(ancestor)]
                let (parent, created) = try store.node(key: "code:\(u.code)")
                try store.addLabel(parent, u.type.rawValue)
                // Named as a unit mentioned in an article is (`place`), once.
                if created {
                    try store.setNodeProperty(parent, "name", .text(u.shortName))
                    try store.setNodeProperty(parent, "code", .text(u.code))
                }
                let edge = try triple(child, RelationType.belongsTo.rawValue, parent)
                if done.insert(edge).inserted {
                    try st.insertProvenance.run([
                        .integer(edge), .integer(document), .text("gazetteer:\(code)"), .null, .null, .null, .null, .null,
                        .text("gazetteer.hierarchy"), .text(GraphStore.extractorVersion), .text(time),
                    ] + published + [.null])
                    written += 1
                }
                child = parent
            }
        }
        return written
    }
}

extension GraphStore {
    /// The identity an entity keeps across documents, where it has one of its own: a
    /// gazetteer unit by its code; anything neither a place nor a person by its type and
    /// the simplified form of its name (國務院 and 国务院 are one node). Nil for persons
    /// and for places the gazetteer leaves undecided: theirs depends on the document.
    public static func sharedNodeKey(type: String, name: String, code: String?) -> String? {
        let known = EntityType(rawValue: type)
        if known?.isPlace == true { return code.map { "code:\($0)" } }
        if known == .person { return nil }
        return "\(type):\(Simplifier.simplified(name))"
    }

    /// The node with `key`, created when absent; true when it was created.
    func node(key: String) throws -> (Int64, Bool) {
        let cacheKey = StoreKey(key)
        if let id = nodeCache[cacheKey] { return (id, false) }
        let st = try statements()
        if let id = try st.selectNode.first([.text(key)])?.first?.integer {
            nodeCache[cacheKey] = id
            return (id, false)
        }
        let id = try insertedID(st.insertNode, [.text(key)])
        nodeCache[cacheKey] = id
        return (id, true)
    }

    /// A new node with no key of its own (graphs loaded by query tests).
    public func createNode(labels: [String], properties: [(String, PropertyValue)]) throws -> Int64 {
        let (id, _) = try node(key: "anon:\(UUID().uuidString)")
        for l in labels { try addLabel(id, l) }
        for (k, v) in properties { try setNodeProperty(id, k, v.sqlValue, kind: v.kind) }
        return id
    }

    /// A new relationship, always distinct from any parallel one.
    public func createEdge(_ s: Int64, _ type: String, _ o: Int64, properties: [(String, PropertyValue)]) throws -> Int64 {
        let edge = try edge(s, type, o, reuse: false)
        for (k, v) in properties { try setEdgeProperty(edge, k, v.sqlValue, kind: v.kind) }
        return edge
    }

    func edge(_ s: Int64, _ predicate: String, _ o: Int64, reuse: Bool) throws -> Int64 {
        let st = try statements()
        let p = try term(predicate)
        let cacheKey = TripleKey(s: s, p: p, o: o)
        if reuse {
            if let id = edgeCache[cacheKey] { return id }
            if let id = try st.selectTriple.first([.integer(s), .integer(p), .integer(o)])?.first?.integer {
                edgeCache[cacheKey] = id
                return id
            }
        }
        let id = try insertedID(st.insertTriple, [.integer(s), .integer(p), .integer(o)])
        if reuse { edgeCache[cacheKey] = id }
        return id
    }

    func addLabel(_ node: Int64, _ label: String) throws {
        guard labelCache.insert(OwnedKey(owner: node, name: StoreKey(label))).inserted else { return }
        try statements().insertLabel.run([.integer(node), .integer(try term(label))])
    }

    func setNodeProperty(_ node: Int64, _ key: String, _ value: SQLValue, kind: String? = nil) throws {
        let cacheKey = OwnedKey(owner: node, name: StoreKey(key))
        if propertyCache[cacheKey] == value { return }
        try writeNodeProperty(node, key, value, kind: kind)
        propertyCache[cacheKey] = value
    }

    /// Writes a node property without the session's cache (an import writes each
    /// once; it forgets the caches when it ends).
    func writeNodeProperty(_ node: Int64, _ key: String, _ value: SQLValue, kind: String? = nil) throws {
        try statements().upsertProp.run([.integer(node), .integer(try term(key)), value, .text(kind ?? Self.kind(of: value))])
    }

    func setEdgeProperty(_ edge: Int64, _ key: String, _ value: SQLValue, kind: String? = nil) throws {
        try statements().upsertEdgeProp.run([.integer(edge), .integer(try term(key)), value, .text(kind ?? Self.kind(of: value))])
    }

    func edgeProperty(_ edge: Int64, _ key: String) throws -> SQLValue? {
        let st = try statements()
        return try st.selectEdgeProp.first([.integer(edge), .integer(try term(key))])?.first
    }

    /// Adds `added` to the node's, never listing its `name` among them.
    func mergeAliases(_ node: Int64, _ added: [String], name: String) throws {
        let stored = try aliases(of: node)
        // Sorted, so that the list does not depend on the order documents came in.
        let merged = Set(stored + added).subtracting([name]).sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
        guard merged != stored else { return }
        try setNodeProperty(node, "aliases", PropertyValue.list(merged.map { .string($0) }).sqlValue, kind: "list")
        aliasCache[node] = merged
    }

    /// A node's aliases as stored, read and parsed once a session: a place the gazetteer
    /// names is weighed against its aliases in every document that mentions it, and
    /// reading them back from their JSON each time was 8 % of a build's writer.
    func aliases(of node: Int64) throws -> [String] {
        if let cached = aliasCache[node] { return cached }
        guard let text = try nodeProperty(node, "aliases")?.text,
              let list = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String] else {
            aliasCache[node] = []
            return []
        }
        aliasCache[node] = list
        return list
    }

    /// A node's stored property value.
    func nodeProperty(_ node: Int64, _ key: String) throws -> SQLValue? {
        try statements().selectProp.first([.integer(node), .integer(try term(key))])?.first
    }

    /// A node's stored property value, from what this session wrote when it can.
    func cachedNodeProperty(_ node: Int64, _ key: String) throws -> SQLValue? {
        if let value = propertyCache[OwnedKey(owner: node, name: StoreKey(key))] { return value }
        return try nodeProperty(node, key)
    }

    static func kind(of value: SQLValue) -> String {
        switch value {
        case .integer: return "integer"
        case .real: return "float"
        case .text: return "string"
        case .null: return "null"
        }
    }
}
