import Foundation

/// A node of a graph that did not come from articles (GraphML, JSON lines), as
/// `GraphStore.importNode` stores it.
public struct ImportedNode: Sendable {
    /// The row id to give it, honoured only when free (a store imported into fresh
    /// keeps the file's `n<id>`, so that export, import and export again agree).
    public var preferredID: Int64?
    /// Its identity: nodes of the same key are one node, across files and articles.
    public var key: String
    public var labels: [String] = []
    public var name: String?
    public var aliases: [String] = []
    public var code: String?
    /// How many mentions and documents the file credits it with (a Guanxi export's
    /// `mentions` and `documents`), added to those of the store's own articles.
    public var mentions = 0
    public var documents = 0
    /// Its place hierarchy as the file gives it, shown where the store's gazetteer
    /// facts give none.
    public var path: String?
    /// Every other attribute, under the file's own name.
    public var properties: [(String, PropertyValue)] = []

    public init(key: String) { self.key = key }
}

/// A fact of an imported graph.
public struct ImportedEdge: Sendable {
    public var preferredID: Int64?
    public var source: Int64
    public var target: Int64
    public var relation: String
    /// Role, amounts and the file's other attributes.
    public var properties: [(String, PropertyValue)] = []
    /// The evidence, the document named for it and the rule, as the file gives them
    /// (a Guanxi export's first provenance); they become the fact's provenance row.
    public var evidence: String?
    public var document: String?
    public var rule: String?
    /// When it was reported and how often, as the file gives them, shown where the
    /// store's articles give none.
    public var firstReported: String?
    public var lastReported: String?
    public var reports = 0
    public var date: String?
    /// `document` for facts an extraction stated in an article (JSON lines), `import`
    /// for a graph's own facts; and where in its document the evidence stands.
    public var provenanceSource = "import"
    /// One fact with the same subject, relation and object already stored takes this
    /// one's provenance (facts of articles, as `build` merges them); else every edge is
    /// its own (a graph's parallel edges).
    public var joinsSameFact = false
    public var start: Int?
    public var end: Int?

    public init(source: Int64, target: Int64, relation: String) {
        self.source = source
        self.target = target
        self.relation = relation
    }
}

/// The node and edge properties an import keeps for exports to show where the store
/// has nothing of its own (`GraphStore+Records`).
enum ImportedProperty {
    static let mentions = "imported_mentions", documents = "imported_documents", path = "imported_path"
    static let firstReported = "imported_first_reported", lastReported = "imported_last_reported"
    static let reports = "imported_reports", date = "imported_date"
    /// The content hash of the file a node came from: it keeps the node while the
    /// import stands, though no article mentions it and no fact touches it.
    static let source = "imported_from"
    static let all: Set<String> = [mentions, documents, path, firstReported, lastReported, reports, date, source]

    /// The file's content hash in an import document's hash (`import:<file>[:<name>]`).
    static func fileHash(ofDocumentHash hash: String) -> String? {
        guard hash.hasPrefix("import:") else { return nil }
        let rest = hash.dropFirst("import:".count)
        // fnv1a64:<hex>:<bytes>, then perhaps :<document name>.
        let parts = rest.split(separator: ":", maxSplits: 3, omittingEmptySubsequences: false)
        return parts.count >= 3 ? parts[0..<3].joined(separator: ":") : String(rest)
    }
}

/// The statements of one import, prepared once: an import runs them for every node
/// and fact of the file.
public final class ImportSession {
    let store: GraphStore
    let nodeByKey, insertNodeWithID, insertTripleWithID: Statement
    /// One time and one extractor name for every provenance row of the import.
    let time: String
    let extractor = "guanxi import \(GuanxiVersion.release)"

    /// A session writing into `store`.
    public init(store: GraphStore) throws {
        self.store = store
        let db = store.database
        nodeByKey = try db.prepare("SELECT id FROM nodes WHERE key = ?")
        insertNodeWithID = try db.prepare("INSERT OR IGNORE INTO nodes(id, key) VALUES (?, ?)")
        insertTripleWithID = try db.prepare("INSERT OR IGNORE INTO triples(id, s, p, o) VALUES (?, ?, ?, ?)")
        time = store.timestamp.string(from: Date())
    }

    /// Runs an `INSERT OR IGNORE` and tells whether it inserted its row.
    func inserted(_ statement: Statement, _ values: [SQLValue]) throws -> Bool {
        try statement.run(values)
        return store.database.changes == 1
    }

    /// The row id of the node with `key`, if the store holds one.
    public func node(key: String) throws -> Int64? {
        try nodeByKey.first([.text(key)])?.first?.integer
    }
}

extension GraphStore {
    /// True when the store holds no node.
    public func hasNoNodes() throws -> Bool {
        try database.scalar("SELECT count(*) FROM (SELECT 1 FROM nodes LIMIT 1) AS first")?.integer == 0
    }

    /// Drops the indexes an import into an empty store never reads, returning their
    /// definitions, as the store holds them, for `restoreIndexes`: building an index
    /// once from a million rows is far cheaper than keeping it sorted row by row. Kept:
    /// `spo` (facts that join one already stored are found by it), the documents' (an
    /// import finds its file's earlier import by path), and the provenance rows', which
    /// an import writes in the order of their keys (fact by fact, in few documents), so
    /// that each row lands at the end of each index: cheaper than building them at the
    /// end, when only the writer's thread is left working (100,000 nodes and 499,838
    /// facts: 3.46–3.69 s → 3.07–3.26 s). SQLite only; on PostgreSQL nothing is dropped.
    /// Run inside the import's transaction, so that a failure restores them with
    /// everything else.
    public func suspendIndexes() throws -> [String] {
        guard database.backend == .sqlite else { return [] }
        let kept: Set<String> = ["spo", "documents_by_path", "documents_by_name",
                                 "provenance_by_edge_source", "provenance_by_document", "provenance_by_edge_published"]
        return try dropIndexes { !kept.contains($0) }
    }

    /// Runs `body`, a bulk load, with SQLite's rollback journal instead of its
    /// write-ahead log when the store holds no node yet: in WAL mode every page of one
    /// large transaction is written twice (to the log, then copied into the file at the
    /// checkpoint); into an empty file the rollback journal has next to nothing to keep.
    /// A failure still rolls everything back. The log comes back when `body` ends (and a
    /// store left otherwise by a killed process gets it back when next opened). While the
    /// load runs, other connections cannot read the empty store: they wait, then report
    /// it busy. When the store holds nodes, is in memory, is on PostgreSQL or another
    /// connection keeps the log open, `body` runs as it is.
    public func withBulkLoadJournal<T>(_ body: () throws -> T) throws -> T {
        // Setting the mode answers with the mode now in force; another connection's
        // open log makes it refuse, or stay in WAL.
        func journalMode(_ sql: String) -> String? { (try? database.scalar(sql))?.text?.lowercased() }
        guard database.backend == .sqlite, try hasNoNodes(), journalMode("PRAGMA journal_mode") == "wal",
              journalMode("PRAGMA journal_mode = DELETE") == "delete"
        else { return try body() }
        defer { _ = try? database.scalar("PRAGMA journal_mode = WAL") }
        return try body()
    }

    /// Builds again the indexes `suspendIndexes` dropped.
    public func restoreIndexes(_ definitions: [String]) throws {
        for sql in definitions { try database.execute(sql) }
    }

    /// True when a file with this content hash was imported before.
    public func wasImported(hash: String) throws -> Bool {
        try database.scalar("SELECT 1 FROM documents WHERE hash = ? OR hash LIKE ? LIMIT 1",
                            [.text("import:\(hash)"), .text("import:\(hash):%")]) != nil
    }

    /// The document row standing for `name` in the imported file at `path` (one per
    /// document name the file gives its facts, and one for the file itself).
    public func importDocument(name: String, path: String, fileHash: String) throws -> Int64 {
        let hash = name == (path as NSString).lastPathComponent ? "import:\(fileHash)" : "import:\(fileHash):\(name)"
        let st = try statements()
        if let id = try st.documentByHash.first([.text(hash)])?.first?.integer { return id }
        return try insertedID(st.insertDocument, [.text(name), .text(path), .text(hash), .text("import"), .integer(0),
                                                  .text(timestamp.string(from: Date())), .null, .null, .null, .null, .null])
    }

    /// Removes what an earlier import of the file at `path` stored (a changed file
    /// replaces its own facts, as `build` does for articles). Returns how many imported
    /// documents went.
    public func retractImports(path: String) throws -> Int {
        let ids = try database.rows("SELECT id FROM documents WHERE path = ? AND hash LIKE 'import:%'", [.text(path)]).compactMap { $0.first?.integer }
        for id in ids { try retract(documentID: id) }
        return ids.count
    }

    /// Records that `node` is mentioned in imported `document` (a JSON-lines entity's
    /// mention), so that per-document exports and counts see it as `build` would.
    public func importMention(node: Int64, document: Int64, start: Int, end: Int, rule: String, surface: String) throws {
        try statements().insertMention.run([.integer(node), .integer(document), .integer(Int64(start)), .integer(Int64(end)), .null,
                                            .text(rule), .text(surface)])
    }

    /// Sets an imported document's publication date and outlet, as its file states them.
    public func setImportedDocument(_ document: Int64, published: String?, outlet: String?) throws {
        try database.execute(bound: "UPDATE documents SET published = ?, outlet = ? WHERE id = ?",
                             [published.map { .text($0) } ?? .null, outlet.map { .text($0) } ?? .null, .integer(document)])
    }

    /// Stores `node` from the file with content hash `fileHash`, merging it into the
    /// node of the same key if there is one. Returns its row id, and whether it is new.
    public func importNode(_ node: ImportedNode, fileHash: String, session: ImportSession) throws -> (id: Int64, created: Bool) {
        var id: Int64
        var created = true
        if let existing = try session.node(key: node.key) {
            id = existing
            created = false
        } else if let wanted = node.preferredID, wanted > 0, try session.inserted(session.insertNodeWithID, [.integer(wanted), .text(node.key)]) {
            // The file's own id, when the store has no node with it (one statement: the
            // key is known to be new, so only the id can conflict).
            id = wanted
        } else {
            id = try self.node(key: node.key).0
        }
        // Written past the session's caches, which an import forgets when it ends: a
        // million nodes would otherwise each leave their labels and properties there.
        let st = try statements()
        for label in node.labels { try st.insertLabel.run([.integer(id), .integer(try term(label))]) }
        if let name = node.name { try writeNodeProperty(id, "name", .text(name)) }
        // A new node keeps the file's aliases as written; a node the store held gains them.
        if created && !node.aliases.isEmpty {
            try writeNodeProperty(id, "aliases", PropertyValue.list(node.aliases.map { .string($0) }).sqlValue, kind: "list")
        } else if !node.aliases.isEmpty {
            try mergeAliases(id, node.aliases, name: node.name ?? "")
        }
        if let code = node.code { try writeNodeProperty(id, "code", .text(code)) }
        if node.mentions > 0 { try writeNodeProperty(id, ImportedProperty.mentions, .integer(Int64(node.mentions))) }
        if node.documents > 0 { try writeNodeProperty(id, ImportedProperty.documents, .integer(Int64(node.documents))) }
        if let path = node.path { try writeNodeProperty(id, ImportedProperty.path, .text(path)) }
        for (key, value) in node.properties { try writeNodeProperty(id, key, value.sqlValue, kind: value.kind) }
        try writeNodeProperty(id, ImportedProperty.source, .text(fileHash))
        return (id, created)
    }

    /// Stores `edge` as a new fact with one provenance row in `document`.
    public func importEdge(_ edge: ImportedEdge, document: Int64, session: ImportSession) throws -> Int64 {
        let id: Int64
        let p = try term(edge.relation)
        if let wanted = edge.preferredID, wanted > 0,
           try session.inserted(session.insertTripleWithID, [.integer(wanted), .integer(edge.source), .integer(p), .integer(edge.target)]) {
            // The file's own id, when no fact has it.
            id = wanted
        } else {
            id = try self.edge(edge.source, edge.relation, edge.target, reuse: edge.joinsSameFact)
        }
        for (key, value) in edge.properties { try setEdgeProperty(id, key, value.sqlValue, kind: value.kind) }
        if let v = edge.firstReported { try setEdgeProperty(id, ImportedProperty.firstReported, .text(v)) }
        if let v = edge.lastReported { try setEdgeProperty(id, ImportedProperty.lastReported, .text(v)) }
        if edge.reports > 0 { try setEdgeProperty(id, ImportedProperty.reports, .integer(Int64(edge.reports))) }
        if let v = edge.date { try setEdgeProperty(id, ImportedProperty.date, .text(v)) }
        try statements().insertProvenance.run([
            .integer(id), .integer(document), .text(edge.provenanceSource), edge.start.map { .integer(Int64($0)) } ?? .null,
            edge.end.map { .integer(Int64($0)) } ?? .null, .null, edge.evidence.map { .text($0) } ?? .null, .null,
            .text(edge.rule ?? "import"), .text(session.extractor), .text(session.time),
            .null, .null, .null, .null,
        ])
        return id
    }
}
