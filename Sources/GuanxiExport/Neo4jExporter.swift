import Foundation
import GuanxiStore
import GuanxiText

/// Writes the graph for Neo4j: `nodes.csv` and `relationships.csv` in the header
/// format of `neo4j-admin database import full`, and `import.cypher`, a script of
/// `CREATE` statements for graphs small enough to paste into Neo4j Browser.
///
/// Columns, nodes: `id:ID` (the store's node id), `:LABEL` (its types and `Entity`,
/// `;`-separated), `name`, `key` (its identity across rebuilds), `aliases:string[]`,
/// `code`, `mentions:int`, `documents:int`. Relationships: `:START_ID`, `:END_ID`,
/// `:TYPE` (leads, member_of, belongs_to, funds), `role`, `amount`,
/// `amount_yuan:double`, `evidence`, `document`, `rule` (the first provenance). The
/// same files load into Kuzu with `COPY … (HEADER=true, PARALLEL=false)`, columns by
/// position. Evidence may hold line breaks (quoted): neo4j-admin needs
/// `--multiline-fields=true`, Kuzu `PARALLEL=false`.
public struct Neo4jExporter {
    let store: GraphStore
    let selection: GraphSelection
    let progress: ((ExportProgress) -> Void)?

    /// An exporter of `selection` of `store`; `progress` is told how many nodes and
    /// edges are written, on the calling thread.
    public init(store: GraphStore, selection: GraphSelection = GraphSelection(), progress: ((ExportProgress) -> Void)? = nil) {
        self.store = store
        self.selection = selection
        self.progress = progress
    }

    /// The node file's header.
    public static let nodeHeader = ["id:ID", ":LABEL", "name", "key", "aliases:string[]", "code", "mentions:int", "documents:int"]
    /// The relationship file's header.
    public static let relationshipHeader = [":START_ID", ":END_ID", ":TYPE", "role", "amount", "amount_yuan:double", "evidence", "document", "rule"]

    /// A CSV field: quoted when it holds a comma, a quote, a semicolon or a line break.
    static func field(_ s: String) -> String {
        s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == ";" })
            ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }

    /// A Cypher string literal.
    static func cypherString(_ s: String) -> String { JSONString.quote(s, delimiter: "'") }

    /// Writes the three files into `directory`, creating it; returns nodes and edges.
    /// - Throws: `ExportError` when the folder or a file cannot be written.
    public func write(to directory: String) throws -> ExportSummary {
        // Every scan below reads the same commit, though another process writes meanwhile.
        try store.database.readSnapshot { try writeFromSnapshot(to: directory) }
    }

    func writeFromSnapshot(to directory: String) throws -> ExportSummary {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw ExportError("cannot create the folder: \(error.localizedDescription)", path: directory)
        }
        func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }
        let nodes = try TextSink(path: path("nodes.csv"))
        let relationships = try TextSink(path: path("relationships.csv"))
        let script = try TextSink(path: path("import.cypher"))
        var summary = ExportSummary()
        try nodes.line(Self.nodeHeader.joined(separator: ","))
        try relationships.line(Self.relationshipHeader.joined(separator: ","))
        try script.line("// Guanxi graph for Neo4j: paste into Neo4j Browser or run with cypher-shell < import.cypher.")
        try script.line("CREATE INDEX guanxi_entity_id IF NOT EXISTS FOR (n:Entity) ON (n.guanxi_id);")
        let keep = try store.selectedNodes(selection)
        let typed = selection.types.isEmpty ? nil : try store.labelsByNode().filter { !selection.types.isDisjoint(with: $0.value) }
        var counter = ExportProgressCounter(progress)
        try store.forEachNode(selection, keep: keep) { node in
            let labels = (node.labels + ["Entity"]).joined(separator: ";")
            try nodes.line([String(node.id), labels, node.name, node.key, node.aliases.joined(separator: ";"), node.code ?? "",
                            String(node.mentions), String(node.documents)].map(Self.field).joined(separator: ","))
            var properties = ["guanxi_id: \(node.id)", "name: \(Self.cypherString(node.name))", "key: \(Self.cypherString(node.key))"]
            if !node.aliases.isEmpty { properties.append("aliases: [\(node.aliases.map(Self.cypherString).joined(separator: ", "))]") }
            if let code = node.code { properties.append("code: \(Self.cypherString(code))") }
            let cypherLabels = (node.labels + ["Entity"]).map { "`\($0.replacingOccurrences(of: "`", with: "``"))`" }.joined(separator: ":")
            try script.line("CREATE (:\(cypherLabels) {\(properties.joined(separator: ", "))});")
            summary.nodes += 1
            counter.countNode()
        }
        try store.forEachEdge(selection, keep: keep, nodeTypes: typed) { edge in
            var role = "", amount = "", yuan = ""
            for (key, value) in edge.properties {
                switch (key, value) {
                case ("role", .string(let s)): role = s
                case ("amount", .string(let s)): amount = s
                case ("amount_yuan", .float(let y)): yuan = String(y)
                case ("amount_yuan", .integer(let y)): yuan = String(y)
                default: break
                }
            }
            try relationships.line([String(edge.source), String(edge.target), edge.relation, role, amount, yuan,
                                    edge.evidence ?? "", edge.document ?? "", edge.rule ?? ""].map(Self.field).joined(separator: ","))
            var properties: [String] = []
            if !role.isEmpty { properties.append("role: \(Self.cypherString(role))") }
            if !amount.isEmpty { properties.append("amount: \(Self.cypherString(amount))") }
            if !yuan.isEmpty { properties.append("amount_yuan: \(yuan)") }
            if let e = edge.evidence { properties.append("evidence: \(Self.cypherString(e))") }
            if let d = edge.document { properties.append("document: \(Self.cypherString(d))") }
            let props = properties.isEmpty ? "" : " {\(properties.joined(separator: ", "))}"
            try script.line("MATCH (a:Entity {guanxi_id: \(edge.source)}), (b:Entity {guanxi_id: \(edge.target)}) CREATE (a)-[:`\(edge.relation)`\(props)]->(b);")
            summary.edges += 1
            counter.countEdge()
        }
        for sink in [nodes, relationships, script] { try sink.close() }
        return summary
    }
}
