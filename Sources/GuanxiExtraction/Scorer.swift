import Foundation

/// Scores extraction output against gold files exactly as `eval/score.py` does:
/// entities match on (doc, type, name or alias after normalisation), relations on
/// (doc, subject, predicate, object); optional gold items neither reward nor punish.
public struct Scorer {
    /// True positives, false positives and false negatives of one class.
    public struct Tally: Sendable, Equatable, Codable {
        public var tp = 0
        public var fp = 0
        public var fn = 0

        /// Creates a tally.
        public init(tp: Int = 0, fp: Int = 0, fn: Int = 0) {
            self.tp = tp
            self.fp = fp
            self.fn = fn
        }

        /// Precision, recall and F1; 0 where undefined.
        public var prf: (p: Double, r: Double, f: Double) {
            let p = tp + fp > 0 ? Double(tp) / Double(tp + fp) : 0
            let r = tp + fn > 0 ? Double(tp) / Double(tp + fn) : 0
            let f = p + r > 0 ? 2 * p * r / (p + r) : 0
            return (p, r, f)
        }
    }

    /// One scored error, for `--errors`.
    public struct ErrorLine: Sendable {
        public var doc: String
        public var text: String
    }

    /// The outcome of scoring.
    public struct Report: Sendable {
        public var entities: [String: Tally] = [:]
        public var relations: [String: Tally] = [:]
        public var untyped = Tally()
        public var roleCorrect = 0
        public var roleTotal = 0
        public var amountCorrect = 0
        public var amountTotal = 0
        public var errors: [ErrorLine] = []

        /// An empty report.
        public init() {}

        /// The sum of a family of tallies.
        public static func total(_ tallies: [String: Tally]) -> Tally {
            tallies.values.reduce(into: Tally()) { $0.tp += $1.tp; $0.fp += $1.fp; $0.fn += $1.fn }
        }
    }

    typealias Record = [String: Any]

    /// The gold records per document key.
    let gold: [String: (entities: [Record], relations: [Record])]

    /// Loads every `*.jsonl` file of `directory` as gold.
    /// - Throws: `RuleFileError` naming the file and line of bad JSON.
    public init(goldDirectory: String) throws {
        var gold: [String: (entities: [Record], relations: [Record])] = [:]
        let files = try FileManager.default.contentsOfDirectory(atPath: goldDirectory).filter { $0.hasSuffix(".jsonl") }.sorted()
        for f in files {
            let path = (goldDirectory as NSString).appendingPathComponent(f)
            let records = try Self.readRecords(path)
            gold[Self.docKey(f)] = (records.filter { ($0["kind"] as? String) == "entity" },
                                     records.filter { ($0["kind"] as? String) != "entity" })
        }
        self.gold = gold
    }

    /// Reads a JSON-lines file into records.
    static func readRecords(_ path: String) throws -> [Record] {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw RuleFileError(file: path, line: 0, message: "cannot read the file as UTF-8")
        }
        return try parseRecords(text, path: path)
    }

    static func parseRecords(_ text: String, path: String) throws -> [Record] {
        var out: [Record] = []
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard !line.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
            guard let obj = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? Record else {
                throw RuleFileError(file: path, line: n + 1, message: "not a JSON object")
            }
            out.append(obj)
        }
        return out
    }

    static let quoteScalars: Set<Unicode.Scalar> = Set("“”‘’\"'「」『』《》〈〉【】 \t\n".unicodeScalars)

    /// NFKC, then quotes and white space removed: `norm()` of score.py.
    public static func norm(_ s: String?) -> String {
        let n = (s ?? "").precomposedStringWithCompatibilityMapping
        return String(String.UnicodeScalarView(n.unicodeScalars.filter { !quoteScalars.contains($0) }))
    }

    /// The document key of a file name: base name without `.txt` or `.jsonl`.
    public static func docKey(_ d: String?) -> String {
        let base = ((d ?? "") as NSString).lastPathComponent
        if base.hasSuffix(".txt") { return String(base.dropLast(4)) }
        if base.hasSuffix(".jsonl") { return String(base.dropLast(6)) }
        return base
    }

    /// Scores system output given as JSON-lines text.
    public func score(systemJSONLines text: String) throws -> Report {
        try score(records: Self.parseRecords(text, path: "system output"))
    }

    /// Scores system records (entity and relation lines with a `doc` field).
    func score(records: [Record]) -> Report {
        var system: [String: (entities: [Record], relations: [Record])] = [:]
        for r in records {
            guard let kind = r["kind"] as? String, kind == "entity" || kind == "relation" else { continue }
            let key = Self.docKey(r["doc"] as? String)
            var entry = system[key] ?? ([], [])
            if kind == "entity" { entry.entities.append(r) } else { entry.relations.append(r) }
            system[key] = entry
        }
        var report = Report()
        for doc in gold.keys.sorted() {
            guard let (gents, grels) = gold[doc] else { continue }
            let (sents, srels) = system[doc] ?? ([], [])
            var forms: [(id: Int, type: String, names: Set<String>, optional: Bool)] = []
            var nameToGid: [String: Int] = [:]
            for (i, e) in gents.enumerated() {
                var names: Set<String> = [Self.norm(e["name"] as? String)]
                var order = [Self.norm(e["name"] as? String)]
                for a in (e["aliases"] as? [String]) ?? [] {
                    let n = Self.norm(a)
                    if names.insert(n).inserted { order.append(n) }
                }
                forms.append((i, e["type"] as? String ?? "", names, e["optional"] as? Bool ?? false))
                for n in order where nameToGid[n] == nil { nameToGid[n] = i }
            }
            var matchedTyped = Set<Int>(), matchedAny = Set<Int>()
            for e in sents {
                var names: Set<String> = [Self.norm(e["name"] as? String)]
                for a in (e["aliases"] as? [String]) ?? [] { names.insert(Self.norm(a)) }
                let type = e["type"] as? String ?? ""
                let hitAny = forms.filter { !$0.names.isDisjoint(with: names) }
                let hit = hitAny.filter { $0.type == type }
                if let first = hitAny.first, !matchedAny.contains(first.id) {
                    matchedAny.insert(first.id)
                    if !first.optional { report.untyped.tp += 1 }
                } else if hitAny.isEmpty {
                    report.untyped.fp += 1
                }
                if let g = hit.first {
                    if matchedTyped.contains(g.id) {
                        report.entities[type, default: Tally()].fp += 1
                        report.errors.append(ErrorLine(doc: doc, text: "FP entity (duplicate)\t\(type)\t\(e["name"] as? String ?? "")"))
                    } else {
                        matchedTyped.insert(g.id)
                        if !g.optional { report.entities[g.type, default: Tally()].tp += 1 }
                    }
                } else {
                    report.entities[type, default: Tally()].fp += 1
                    let why = hitAny.first.map { "wrong type, gold \($0.type)" } ?? "not in gold"
                    report.errors.append(ErrorLine(doc: doc, text: "FP entity (\(why))\t\(type)\t\(e["name"] as? String ?? "")"))
                }
            }
            for g in forms {
                if !matchedTyped.contains(g.id) && !g.optional {
                    report.entities[g.type, default: Tally()].fn += 1
                    report.errors.append(ErrorLine(doc: doc, text: "FN entity\t\(g.type)\t\(gents[g.id]["name"] as? String ?? "")"))
                }
                if !matchedAny.contains(g.id) && !g.optional { report.untyped.fn += 1 }
            }
            func rid(_ name: Any?) -> String {
                let n = Self.norm(name as? String)
                return nameToGid[n].map(String.init) ?? "?" + n
            }
            var goldRel: [String: Record] = [:]
            var goldOrder: [String] = []
            for r in grels {
                let key = "\(rid(r["subject"]))\u{1}\(r["predicate"] as? String ?? "")\u{1}\(rid(r["object"]))"
                if goldRel[key] == nil {
                    goldRel[key] = r
                    goldOrder.append(key)
                }
            }
            var seen = Set<String>()
            for r in srels {
                let pred = r["predicate"] as? String ?? ""
                let key = "\(rid(r["subject"]))\u{1}\(pred)\u{1}\(rid(r["object"]))"
                guard let g = goldRel[key] else {
                    report.relations[pred, default: Tally()].fp += 1
                    report.errors.append(ErrorLine(doc: doc, text: "FP relation\t\(r["subject"] as? String ?? "") -\(pred)-> \(r["object"] as? String ?? "")"))
                    continue
                }
                if seen.contains(key) { continue }
                seen.insert(key)
                if g["optional"] as? Bool ?? false { continue }
                report.relations[g["predicate"] as? String ?? "", default: Tally()].tp += 1
                if let role = g["role"] as? String, !role.isEmpty {
                    report.roleTotal += 1
                    if Self.norm(r["role"] as? String) == Self.norm(role) { report.roleCorrect += 1 }
                }
                if let yuan = g["amount_yuan"], !(yuan is NSNull) {
                    report.amountTotal += 1
                    if let mine = r["amount_yuan"] as? NSNumber, let theirs = yuan as? NSNumber, mine.doubleValue == theirs.doubleValue {
                        report.amountCorrect += 1
                    }
                }
            }
            for key in goldOrder where !seen.contains(key) {
                guard let g = goldRel[key], !(g["optional"] as? Bool ?? false) else { continue }
                report.relations[g["predicate"] as? String ?? "", default: Tally()].fn += 1
                report.errors.append(ErrorLine(doc: doc, text: "FN relation\t\(g["subject"] as? String ?? "") -\(g["predicate"] as? String ?? "")-> \(g["object"] as? String ?? "")"))
            }
        }
        return report
    }

    /// The report as score.py prints it.
    public static func format(_ report: Report) -> String {
        func pad(_ s: String, _ w: Int, left: Bool = false) -> String {
            let n = s.count
            if n >= w { return s }
            return left ? s + String(repeating: " ", count: w - n) : String(repeating: " ", count: w - n) + s
        }
        func f3(_ x: Double) -> String { String(format: "%.3f", x) }
        var out = pad("", 14, left: true) + " " + pad("P", 6) + " " + pad("R", 6) + " " + pad("F1", 6) + " " + pad("tp", 5) + " " + pad("fp", 5) + " " + pad("fn", 5) + "\n"
        for (title, group) in [("entities", report.entities), ("relations", report.relations)] {
            for k in group.keys.sorted() {
                guard let v = group[k] else { continue }
                let (p, r, f) = v.prf
                out += pad(k, 14, left: true) + " " + pad(f3(p), 6) + " " + pad(f3(r), 6) + " " + pad(f3(f), 6) + " " + pad("\(v.tp)", 5) + " " + pad("\(v.fp)", 5) + " " + pad("\(v.fn)", 5) + "\n"
            }
            let t = Report.total(group)
            let (p, r, f) = t.prf
            out += pad("ALL " + title, 14, left: true) + " " + pad(f3(p), 6) + " " + pad(f3(r), 6) + " " + pad(f3(f), 6) + " " + pad("\(t.tp)", 5) + " " + pad("\(t.fp)", 5) + " " + pad("\(t.fn)", 5) + "\n"
        }
        let (p, r, f) = report.untyped.prf
        out += pad("spans (untyped)", 14, left: true) + " " + pad(f3(p), 6) + " " + pad(f3(r), 6) + " " + pad(f3(f), 6) + "\n"
        out += "role accuracy \(report.roleCorrect)/\(report.roleTotal)   amount accuracy \(report.amountCorrect)/\(report.amountTotal)\n"
        out += "entity F1 \(f3(Report.total(report.entities).prf.f))  relation F1 \(f3(Report.total(report.relations).prf.f))\n"
        return out
    }
}
