import Foundation

/// Scores the `document` lines of an extraction (publication date, outlet) against a
/// reference file of one line per article, `{"doc", "published", "outlet", …}`: a date
/// must match exactly (same precision), an outlet after NFKC and the removal of quotes
/// and spaces; a value given where the reference has null is counted as invented.
/// Only the reference's articles are scored; an article with no document line counts
/// as null for both.
public struct DocumentScorer {
    /// Correct answers, answers the reference states, and values given where it states none.
    public struct Tally: Sendable, Equatable {
        public var correct = 0
        public var stated = 0
        public var invented = 0
        /// `correct / stated`, 0 when nothing is stated.
        public var accuracy: Double { stated > 0 ? Double(correct) / Double(stated) : 0 }
    }

    /// The figures of one run.
    public struct Report: Sendable {
        public var published = Tally()
        public var outlet = Tally()
        /// `doc\tfield\twant …\tgot …` lines.
        public var errors: [String] = []
    }

    let reference: [String: [String: Any]]

    /// Reads the reference file.
    /// - Throws: an error naming the file and line of a line that is no JSON object.
    public init(referencePath: String) throws {
        guard let data = FileManager.default.contents(atPath: referencePath), let text = String(data: data, encoding: .utf8) else {
            throw RuleFileError(file: referencePath, line: 0, message: "cannot read the document reference")
        }
        var reference: [String: [String: Any]] = [:]
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], let doc = object["doc"] as? String else {
                throw RuleFileError(file: referencePath, line: n + 1, message: "not a JSON object with a \"doc\"")
            }
            reference[Scorer.docKey(doc)] = object
        }
        self.reference = reference
    }

    /// `Scorer.norm` of a JSON value, nil for null or a value that normalises to nothing.
    static func normalized(_ value: Any?) -> String? {
        guard let s = value as? String else { return nil }
        let n = Scorer.norm(s)
        return n.isEmpty ? nil : n
    }

    /// Scores the document lines among `systemJSONLines`.
    public func score(systemJSONLines: String) -> Report {
        var got: [String: [String: Any]] = [:]
        for line in systemJSONLines.split(separator: "\n") {
            guard line.contains("\"document\""), let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  object["kind"] as? String == "document" else { continue }
            got[Scorer.docKey(object["doc"] as? String)] = object
        }
        var report = Report()
        for doc in reference.keys.sorted() {
            let want = reference[doc] ?? [:], have = got[doc] ?? [:]
            for field in ["published", "outlet"] {
                let w = Self.normalized(want[field]), h = Self.normalized(have[field])
                var tally = field == "published" ? report.published : report.outlet
                if let w {
                    tally.stated += 1
                    if w == h { tally.correct += 1 } else { report.errors.append("\(doc)\t\(field)\twant \(w)\tgot \(h ?? "None")") }
                } else if let h {
                    tally.invented += 1
                    report.errors.append("\(doc)\t\(field)\tinvented \(h) (the text states none)")
                }
                if field == "published" { report.published = tally } else { report.outlet = tally }
            }
        }
        return report
    }

    /// The figures as `score_documents.py` prints them.
    public static func format(_ r: Report) -> String {
        func line(_ name: String, _ t: Tally) -> String {
            "\(name.padding(toLength: 10, withPad: " ", startingAt: 0)) \(t.correct)/\(t.stated) correct (\(String(format: "%.3f", t.accuracy))), \(t.invented) invented"
        }
        return line("published", r.published) + "\n" + line("outlet", r.outlet) + "\n"
    }
}
