import Foundation
import GuanxiText

/// Writes extraction results in the ONTOLOGY's JSON-lines shape.
public enum JSONLines {
    static func list(_ items: [String]) -> String {
        "[" + items.map(JSONString.quote).joined(separator: ",") + "]"
    }

    /// The document line of `extraction`: its publication date (ISO 8601, as precise
    /// as the text) and outlet, null where the text states none, with their spans.
    public static func documentLine(for extraction: DocumentExtraction) -> String {
        let m = extraction.metadata
        func span(_ r: Range<Int>?) -> String { r.map { "[\($0.lowerBound),\($0.upperBound)]" } ?? "null" }
        func text(_ r: Range<Int>?) -> String { r.map { JSONString.quote(extraction.source.text($0)) } ?? "null" }
        var line = "{\"kind\":\"document\",\"doc\":\(JSONString.quote(extraction.source.name))"
        line += ",\"published\":\(m.published.map { JSONString.quote($0.description) } ?? "null")"
        line += ",\"outlet\":\(m.outlet.map(JSONString.quote) ?? "null")"
        line += ",\"published_evidence\":\(text(m.publishedEvidence)),\"published_span\":\(span(m.publishedEvidence))"
        line += ",\"outlet_evidence\":\(text(m.outletEvidence)),\"outlet_span\":\(span(m.outletEvidence))"
        return line + "}"
    }

    /// The document line, one line per entity, then one per relation, of `extraction`.
    public static func lines(for extraction: DocumentExtraction) -> [String] {
        var out: [String] = [documentLine(for: extraction)]
        let doc = JSONString.quote(extraction.source.name)
        for e in extraction.entities {
            var line = "{\"kind\":\"entity\",\"doc\":\(doc),\"type\":\"\(e.type.rawValue)\",\"name\":\(JSONString.quote(e.name)),\"aliases\":\(list(e.aliases))"
            line += ",\"mentions\":[" + e.mentions.map { "[\($0.start),\($0.end)]" }.joined(separator: ",") + "]"
            line += ",\"rules\":\(list(e.rules))"
            if let code = e.code { line += ",\"code\":\(JSONString.quote(code))" }
            if let n = e.unresolvedCandidates { line += ",\"unresolved\":\(n)" }
            out.append(line + "}")
        }
        for r in extraction.relations {
            let s = extraction.entities[r.subject]
            let o = extraction.entities[r.object]
            var line = "{\"kind\":\"relation\",\"doc\":\(doc),\"subject\":\(JSONString.quote(s.name)),\"predicate\":\"\(r.predicate.rawValue)\",\"object\":\(JSONString.quote(o.name))"
            if let role = r.role { line += ",\"role\":\(JSONString.quote(role))" }
            if let amount = r.amount { line += ",\"amount\":\(JSONString.quote(amount))" }
            if let yuan = r.amountYuan { line += ",\"amount_yuan\":\(formatNumber(yuan))" }
            line += ",\"evidence\":\(JSONString.quote(extraction.text(r.evidence))),\"start\":\(r.evidence.start),\"end\":\(r.evidence.end),\"rule\":\(JSONString.quote(r.evidence.rule))"
            if let date = r.date, let at = r.dateEvidence {
                line += ",\"date\":\(JSONString.quote(date.description)),\"date_evidence\":\(JSONString.quote(extraction.source.text(at)))"
            }
            out.append(line + "}")
        }
        return out
    }

    /// A number as JSON: integral values without a fraction.
    public static func formatNumber(_ x: Double) -> String {
        if x == x.rounded() && abs(x) < 9e15 { return String(Int64(x)) }
        return String(x)
    }
}
