extension GraphStore {
    /// Deletes one relationship with its properties and provenance; deleting one that
    /// is already gone does nothing.
    public func deleteEdge(_ id: Int64) throws {
        clearCaches()
        let e = SQLValue.integer(id)
        try database.execute(bound: "DELETE FROM edge_props WHERE edge = ?", [e])
        try database.execute(bound: "DELETE FROM provenance WHERE edge = ?", [e])
        try database.execute(bound: "DELETE FROM triples WHERE id = ?", [e])
    }

    /// Deletes one node with its relationships, labels, properties and mentions.
    public func deleteNode(_ id: Int64) throws {
        // Its id may be given again: nothing cached may outlive it.
        clearCaches()
        let n = SQLValue.integer(id)
        for e in try database.rows("SELECT id FROM triples WHERE s = ? OR o = ?", [n, n]).compactMap({ $0.first?.integer }) {
            try deleteEdge(e)
        }
        try database.execute(bound: "DELETE FROM node_labels WHERE node = ?", [n])
        try database.execute(bound: "DELETE FROM node_props WHERE node = ?", [n])
        try database.execute(bound: "DELETE FROM mentions WHERE node = ?", [n])
        try database.execute(bound: "DELETE FROM nodes WHERE id = ?", [n])
    }

    /// How many relationships start or end at a node.
    public func relationshipCount(of node: Int64) throws -> Int {
        let n = SQLValue.integer(node)
        return Int(try database.rows("SELECT count(*) FROM triples WHERE s = ? OR o = ?", [n, n]).first?.first?.integer ?? 0)
    }
}
