import GuanxiText
import Foundation
import GuanxiExtraction
import GuanxiStore

/// Writes the store in the JSON-lines shape of docs/ONTOLOGY.md, a document line per
/// article, one line per entity per document and one per fact per document, so
/// `guanxi evaluate` (and `eval/score.py`) scores a store directly. A fact names its
/// entities by their node names, which documents merged into one node share. The
/// gazetteer's hierarchy facts are not document facts and are left out.
public struct JSONLinesExporter {
    let store: GraphStore

    /// An exporter of `store`.
    public init(store: GraphStore) { self.store = store }

    /// Writes the lines (`-` for standard output); returns how many.
    public func write(to path: String) throws -> Int {
        // Every scan below reads the same commit, though another process writes meanwhile.
        try store.database.readSnapshot { try writeFromSnapshot(to: path) }
    }

    func writeFromSnapshot(to path: String) throws -> Int {
        let sink = try TextSink(path: path)
        var count = 0
        // One document line per article: its publication date and outlet, as stored.
        for row in try store.database.rows("SELECT name, published, outlet FROM documents ORDER BY name") {
            let quoted = { (v: SQLValue) in v.text.map(JSONString.quote) ?? "null" }
            try sink.line("{\"kind\":\"document\",\"doc\":\(quoted(row[0])),\"published\":\(quoted(row[1])),\"outlet\":\(quoted(row[2]))}")
            count += 1
        }
        let entities = try store.database.prepare("""
            SELECT d.name, m.node, (SELECT t.value FROM node_labels l JOIN terms t ON t.id = l.label WHERE l.node = m.node ORDER BY t.value LIMIT 1),
              (SELECT value FROM node_props WHERE node = m.node AND key = (SELECT id FROM terms WHERE value = 'name')),
              (SELECT value FROM node_props WHERE node = m.node AND key = (SELECT id FROM terms WHERE value = 'aliases')),
              (SELECT json_group_array(DISTINCT surface) FROM mentions WHERE document = m.document AND node = m.node)
            FROM mentions m JOIN documents d ON d.id = m.document GROUP BY m.document, m.node, d.name ORDER BY d.name, min(m.start), 3, 4, m.node
            """)
        try entities.bind([])
        while try entities.step() {
            let doc = entities.column(0).text ?? ""
            let type = entities.column(2).text ?? ""
            let name = entities.column(3).text ?? ""
            var aliases = Set<String>()
            if let text = entities.column(4).text, let list = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String] {
                aliases.formUnion(list)
            }
            // The forms this document wrote (a node named 浙江省 that an article calls 浙江).
            if let text = entities.column(5).text, let list = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String] {
                aliases.formUnion(list)
            }
            let docAliases = aliases.subtracting([name]).sorted()
            try sink.line("{\"kind\":\"entity\",\"doc\":\(JSONString.quote(doc)),\"type\":\(JSONString.quote(type)),\"name\":\(JSONString.quote(name)),\"aliases\":[\(docAliases.map(JSONString.quote).joined(separator: ","))]}")
            count += 1
        }
        let facts = try store.database.prepare("""
            SELECT d.name, t.value,
              (SELECT value FROM node_props WHERE node = x.s AND key = (SELECT id FROM terms WHERE value = 'name')),
              (SELECT value FROM node_props WHERE node = x.o AND key = (SELECT id FROM terms WHERE value = 'name')),
              (SELECT value FROM edge_props WHERE edge = x.id AND key = (SELECT id FROM terms WHERE value = 'role')),
              (SELECT value FROM edge_props WHERE edge = x.id AND key = (SELECT id FROM terms WHERE value = 'amount')),
              (SELECT CAST(value AS DOUBLE PRECISION) FROM edge_props WHERE edge = x.id AND key = (SELECT id FROM terms WHERE value = 'amount_yuan')),
              p.evidence, p.start, p.end, p.rule
            FROM provenance p JOIN documents d ON d.id = p.document JOIN triples x ON x.id = p.edge JOIN terms t ON t.id = x.p
            WHERE p.source = 'document' ORDER BY d.name, p.start, p.id
            """)
        try facts.bind([])
        while try facts.step() {
            var line = "{\"kind\":\"relation\",\"doc\":\(JSONString.quote(facts.column(0).text ?? "")),\"subject\":\(JSONString.quote(facts.column(2).text ?? "")),"
            line += "\"predicate\":\(JSONString.quote(facts.column(1).text ?? "")),\"object\":\(JSONString.quote(facts.column(3).text ?? ""))"
            if let role = facts.column(4).text { line += ",\"role\":\(JSONString.quote(role))" }
            if let amount = facts.column(5).text { line += ",\"amount\":\(JSONString.quote(amount))" }
            if let yuan = facts.column(6).number { line += ",\"amount_yuan\":\(JSONLines.formatNumber(yuan))" }
            line += ",\"evidence\":\(JSONString.quote(facts.column(7).text ?? "")),\"start\":\(facts.column(8).integer ?? 0),\"end\":\(facts.column(9).integer ?? 0),\"rule\":\(JSONString.quote(facts.column(10).text ?? ""))}"
            try sink.line(line)
            count += 1
        }
        try sink.close()
        return count
    }
}
