import GuanxiText
import GuanxiExtraction
import GuanxiStore

/// A profile as JSON, the same for `guanxi profile --format json` and the entity
/// page of `guanxi serve`: the entity, its facts with section, direction, date and
/// every source (document, line, sentence, evidence, offsets, publication date, outlet).
public enum ProfileJSON {
    /// The section a fact is shown under, in both renderings.
    public static func section(_ f: EntityProfile.Fact) -> String {
        switch (f.predicate, f.outgoing) {
        case ("leads", true), ("member_of", true): return "Roles held"
        case ("leads", false), ("member_of", false): return "Leaders and members"
        case ("belongs_to", true): return "Belongs to"
        case ("belongs_to", false): return "Contains"
        case ("funds", true): return "Funds"
        case ("funds", false): return "Funded by"
        default: return "Other relations"
        }
    }

    /// The sections in the order they are shown.
    public static let order = ["Roles held", "Leaders and members", "Belongs to", "Contains", "Funds", "Funded by", "Other relations"]

    /// One source of a fact.
    public static func source(_ s: EntityProfile.Source) -> String {
        func q(_ s: String?) -> String { s.map(JSONString.quote) ?? "null" }
        return "{\"doc\":\(q(s.document)),\"doc_id\":\(s.documentID.map(String.init) ?? "null"),\"line\":\(s.line.map(String.init) ?? "null"),"
            + "\"sentence\":\(q(s.sentence)),\"evidence\":\(q(s.evidence)),\"start\":\(s.start.map(String.init) ?? "null"),\"end\":\(s.end.map(String.init) ?? "null"),"
            + "\"rule\":\(q(s.rule)),\"origin\":\(q(s.origin)),\"published\":\(q(s.published)),\"outlet\":\(q(s.outlet)),\"date\":\(q(s.date))}"
    }

    /// A node reference.
    public static func node(_ n: EntityProfile.NodeRef) -> String {
        "{\"id\":\(n.id),\"name\":\(JSONString.quote(n.name)),\"type\":\(JSONString.quote(n.type))}"
    }

    /// The whole profile.
    public static func render(_ p: EntityProfile) -> String {
        func q(_ s: String?) -> String { s.map(JSONString.quote) ?? "null" }
        let facts = p.facts.map { f -> String in
            let sources = f.sources.map(source)
            return "{\"section\":\(q(section(f))),\"predicate\":\(q(f.predicate)),\"direction\":\"\(f.outgoing ? "out" : "in")\",\"other\":\(node(f.other)),\"when\":\(q(f.when)),"
                + "\"role\":\(q(f.role)),\"amount\":\(q(f.amount)),\"amount_yuan\":\(f.amountYuan.map(JSONLines.formatNumber) ?? "null"),\"sources\":[\(sources.joined(separator: ","))]}"
        }
        let co = p.cooccurring.map { "{\"id\":\($0.0.id),\"name\":\(q($0.0.name)),\"type\":\(q($0.0.type)),\"count\":\($0.1)}" }
        return "{\"id\":\(p.node.id),\"name\":\(q(p.node.name)),\"type\":\(q(p.node.type)),\"labels\":[\(p.labels.map(q).joined(separator: ","))],"
            + "\"aliases\":[\(p.aliases.map(q).joined(separator: ","))],\"code\":\(q(p.code)),\"path\":[\(p.path.map(q).joined(separator: ","))],"
            + "\"documents\":\(p.documents),\"mentions\":\(p.mentions),\"facts\":[\(facts.joined(separator: ","))],\"cooccurring\":[\(co.joined(separator: ","))]}"
    }
}
