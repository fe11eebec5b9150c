import GuanxiText
import GuanxiExport
import GuanxiExtraction
import GuanxiQuery
import GuanxiStore

/// The JSON bodies of the `/api/` endpoints.
enum APIJSON {
    static func q(_ s: String?) -> String { s.map(JSONString.quote) ?? "null" }

    static func search(_ hits: [SearchHit]) -> String {
        "[" + hits.map { h in
            "{\"id\":\(h.node.id),\"name\":\(q(h.node.name)),\"type\":\(q(h.node.type)),\"matched\":\(q(h.matched)),\"how\":\(q(h.how)),\"documents\":\(h.documents)}"
        }.joined(separator: ",") + "]"
    }

    static func subgraph(_ g: Subgraph, centre: Int64) -> String {
        let nodes = g.nodes.map { n in
            "{\"id\":\(n.id),\"name\":\(q(n.name)),\"type\":\(q(n.type)),\"colour\":\(q(TypeColours.of(n.type))),\"centre\":\(n.id == centre)}"
        }
        let edges = g.edges.map { e in
            "{\"id\":\(e.id),\"source\":\(e.source),\"target\":\(e.target),\"relation\":\(q(e.relation)),\"role\":\(q(e.role))}"
        }
        return "{\"nodes\":[\(nodes.joined(separator: ","))],\"edges\":[\(edges.joined(separator: ","))],\"truncated\":\(g.truncated)}"
    }

    static func fact(_ f: FactDetail) -> String {
        "{\"id\":\(f.id),\"subject\":\(ProfileJSON.node(f.subject)),\"relation\":\(q(f.relation)),\"object\":\(ProfileJSON.node(f.object)),"
            + "\"role\":\(q(f.role)),\"amount\":\(q(f.amount)),\"sources\":[\(f.sources.map(ProfileJSON.source).joined(separator: ","))]}"
    }

    static func document(_ d: DocumentDetail) -> String {
        let mentions = d.mentions.map { "{\"start\":\($0.start),\"end\":\($0.end),\"node\":\(ProfileJSON.node($0.node))}" }
        let statements = d.statements.map { s in
            "{\"fact\":\(s.fact),\"subject\":\(ProfileJSON.node(s.subject)),\"relation\":\(q(s.relation)),\"object\":\(ProfileJSON.node(s.object)),"
                + "\"role\":\(q(s.role)),\"start\":\(s.start),\"end\":\(s.end),\"evidence\":\(q(s.evidence))}"
        }
        return "{\"id\":\(d.id),\"name\":\(q(d.name)),\"path\":\(q(d.path)),\"published\":\(q(d.published)),\"outlet\":\(q(d.outlet)),"
            + "\"text\":\(q(d.text)),\"mentions\":[\(mentions.joined(separator: ","))],\"statements\":[\(statements.joined(separator: ","))]}"
    }

    static func query(_ r: QueryResult) -> String {
        let rows = r.rows.map { "[" + $0.map(\.json).joined(separator: ",") + "]" }
        return "{\"columns\":[\(r.columns.map(JSONString.quote).joined(separator: ","))],\"rows\":[\(rows.joined(separator: ","))],"
            + "\"warnings\":[\(r.warnings.map(JSONString.quote).joined(separator: ","))]}"
    }

    static func error(_ message: String) -> String { "{\"error\":\(JSONString.quote(message))}" }
}
