extension GraphStore {
    /// Removes a document's facts and mentions, then every fact no document supports
    /// any more and every node left with neither mentions nor facts.
    /// - Parameter document: the document's name (`000_x.txt`), path or content hash.
    /// - Returns: false when no such document is stored.
    @discardableResult
    public func retract(document: String) throws -> Bool {
        let ids = try database.rows("SELECT id FROM documents WHERE name = ? OR path = ? OR hash = ?",
                                    [.text(document), .text(document), .text(document)]).compactMap { $0.first?.integer }
        guard !ids.isEmpty else { return false }
        try database.transaction {
            try takeWriteTurn()
            for id in ids { try retract(documentID: id) }
        }
        return true
    }

    /// Retracts inside the caller's transaction.
    func retract(documentID id: Int64) throws {
        clearCaches()
        try advanceGeneration()
        let d = SQLValue.integer(id)
        // An imported file's nodes lose the mark that kept them (GraphStore+Import).
        if let hash = try database.scalar("SELECT hash FROM documents WHERE id = ?", [d])?.text,
           let fileHash = ImportedProperty.fileHash(ofDocumentHash: hash) {
            try database.execute(bound: "DELETE FROM node_props WHERE key = (SELECT id FROM terms WHERE value = ?) AND value = ?",
                                 [.text(ImportedProperty.source), .text(fileHash)])
        }
        try database.execute(bound: "DELETE FROM provenance WHERE document = ?", [d])
        // A node keeps one merge row per document beyond its first. Where this document
        // was a node's first (it has no row for it), the next document becomes the first
        // and gives up its row.
        try database.execute(bound: """
            DELETE FROM merges WHERE id IN (
                SELECT (SELECT min(x.id) FROM merges x WHERE x.node = n.node AND x.document <> ?1)
                FROM (SELECT DISTINCT node FROM mentions WHERE document = ?1) n
                WHERE NOT EXISTS (SELECT 1 FROM merges y WHERE y.node = n.node AND y.document = ?1))
            """, [d])
        try database.execute(bound: "DELETE FROM merges WHERE document = ?", [d])
        try database.execute(bound: "DELETE FROM mentions WHERE document = ?", [d])
        try database.execute(bound: "DELETE FROM documents WHERE id = ?", [d])
        try collectGarbage()
    }

    /// Deletes facts without provenance (unless they came from a loaded graph, which
    /// has none by design: those carry no `document` rows at all and are kept) and
    /// nodes without support.
    func collectGarbage() throws {
        try database.execute("""
            DELETE FROM triples WHERE id IN (
                SELECT t.id FROM triples t
                WHERE NOT EXISTS (SELECT 1 FROM provenance p WHERE p.edge = t.id)
                  AND EXISTS (SELECT 1 FROM nodes n WHERE n.id = t.s AND n.key NOT LIKE 'anon:%'));
            DELETE FROM edge_props WHERE edge NOT IN (SELECT id FROM triples);
            """)
        // Nodes with no mentions and no facts; repeat for chains of ancestors.
        while true {
            try database.execute("""
                DELETE FROM nodes WHERE key NOT LIKE 'anon:%'
                  AND NOT EXISTS (SELECT 1 FROM mentions m WHERE m.node = nodes.id)
                  AND NOT EXISTS (SELECT 1 FROM node_props p WHERE p.node = nodes.id
                                  AND p.key = (SELECT id FROM terms WHERE value = 'imported_from'))
                  AND NOT EXISTS (SELECT 1 FROM triples t WHERE t.s = nodes.id OR t.o = nodes.id)
                """)
            if database.changes == 0 { break }
            // A gazetteer ancestor whose only facts point further up is unsupported too.
            try database.execute("""
                DELETE FROM provenance WHERE source LIKE 'gazetteer:%' AND edge IN (
                    SELECT t.id FROM triples t WHERE NOT EXISTS (SELECT 1 FROM mentions m WHERE m.node = t.s)
                      AND NOT EXISTS (SELECT 1 FROM triples c WHERE c.o = t.s))
                """)
            try database.execute("""
                DELETE FROM triples WHERE NOT EXISTS (SELECT 1 FROM provenance p WHERE p.edge = triples.id)
                  AND EXISTS (SELECT 1 FROM nodes n WHERE n.id = triples.s AND n.key NOT LIKE 'anon:%');
                DELETE FROM edge_props WHERE edge NOT IN (SELECT id FROM triples);
                """)
        }
        try database.execute("""
            DELETE FROM node_labels WHERE node NOT IN (SELECT id FROM nodes);
            DELETE FROM node_props WHERE node NOT IN (SELECT id FROM nodes);
            """)
    }
}
