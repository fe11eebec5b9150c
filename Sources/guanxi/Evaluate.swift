import ArgumentParser
import Foundation
import GuanxiExtraction
import GuanxiText

struct Evaluate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score extraction against gold annotations (the matching rules are in docs/ONTOLOGY.md, Scoring).",
        discussion: "Inputs are articles (extracted first) or .jsonl files of extraction output (scored as they are). Gold files are the JSON lines of docs/ONTOLOGY.md, one file per article: gold/<article name>.jsonl."
    )

    @Option(name: .long, help: ArgumentHelp("The folder of gold .jsonl files.", valueName: "dir"))
    var gold: String?

    @Option(name: .long, help: ArgumentHelp("A reference of publication dates and outlets, one JSON line per article: scores the document lines.", valueName: "file"))
    var documents: String?

    func validate() throws {
        if gold == nil && documents == nil { throw ValidationError("Name what to score against: --gold DIR, --documents FILE, or both.") }
    }

    @Argument(help: ArgumentHelp("Articles, folders of articles, or .jsonl extraction output.", valueName: "file|dir"))
    var paths: [String]

    @Flag(name: .long, help: "List every false positive and false negative with the rule that produced it or came closest.")
    var errors = false

    @Option(name: .long, help: "Output format: table or json.")
    var format: TableFormat = .table

    @OptionGroup var options: ExtractionOptions

    func run() throws {
        var scorer: Scorer?
        var documentScorer: DocumentScorer?
        do {
            if let gold { scorer = try Scorer(goldDirectory: gold) }
        } catch {
            Terminal.err("\(gold ?? ""): \(error)")
            throw ExitCode(2)
        }
        do {
            if let documents { documentScorer = try DocumentScorer(referencePath: documents) }
        } catch let error as RuleFileError {
            Terminal.err(error.description)
            throw ExitCode(2)
        }
        var lines: [String] = []
        let jsonl = paths.filter { $0.hasSuffix(".jsonl") }
        for path in jsonl {
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                Terminal.err("\(path): cannot read the file")
                throw ExitCode(1)
            }
            lines.append(text)
        }
        let articles = paths.filter { !$0.hasSuffix(".jsonl") }
        var rulesByName: [String: [String]] = [:]
        if !articles.isEmpty {
            let extractor = try options.makeExtractor()
            let (files, problems) = InputFiles.expand(articles)
            for p in problems { Terminal.err(p.description) }
            for file in files {
                do {
                    let result = extractor.extract(try DocumentDecoder.read(path: file))
                    lines.append(JSONLines.lines(for: result).joined(separator: "\n"))
                    for e in result.entities { rulesByName["\(Scorer.docKey(result.source.name))\t\(e.name)"] = e.rules }
                    for r in result.relations {
                        rulesByName["\(Scorer.docKey(result.source.name))\t\(result.entities[r.subject].name) -\(r.predicate.rawValue)-> \(result.entities[r.object].name)"] = [r.evidence.rule]
                    }
                } catch let error as TextError {
                    Terminal.err(error.description)
                }
            }
        }
        let system = lines.joined(separator: "\n")
        let documentReport = documentScorer?.score(systemJSONLines: system)
        guard let scorer else {
            if let documentReport { printDocuments(documentReport, alone: true) }
            return
        }
        let report: Scorer.Report
        do {
            report = try scorer.score(systemJSONLines: system)
        } catch {
            Terminal.err("\(error)")
            throw ExitCode(1)
        }
        if format == .json {
            Terminal.out(EvaluationJSON.render(report, documents: documentReport))
            return
        }
        if errors {
            for e in report.errors {
                Terminal.out("\(e.doc)\t\(e.text)\(Self.ruleNote(e, rulesByName))")
            }
            Terminal.out("")
        }
        FileHandle.standardOutput.write(Data(Scorer.format(report).utf8))
        if let documentReport { printDocuments(documentReport, alone: false) }
    }

    /// The document figures: alone (no --gold) as JSON when asked, else after the table.
    func printDocuments(_ r: DocumentScorer.Report, alone: Bool) {
        if format == .json && alone {
            Terminal.out(EvaluationJSON.documents(r))
            return
        }
        if errors && !r.errors.isEmpty { Terminal.out(r.errors.joined(separator: "\n") + "\n") }
        FileHandle.standardOutput.write(Data(DocumentScorer.format(r).utf8))
    }

    /// The rule behind a false positive, or the closest system name for a false negative.
    static func ruleNote(_ e: Scorer.ErrorLine, _ rules: [String: [String]]) -> String {
        let parts = e.text.split(separator: "\t").map(String.init)
        guard let name = parts.last else { return "" }
        if e.text.hasPrefix("FP"), let r = rules["\(e.doc)\t\(name)"] { return "\trule: \(r.joined(separator: ","))" }
        if e.text.hasPrefix("FN") {
            let key = e.text.hasPrefix("FN relation") ? name.components(separatedBy: " -").first ?? name : name
            let closest = rules.keys.filter { $0.hasPrefix(e.doc + "\t") }.map { String($0.dropFirst(e.doc.count + 1)) }
                .filter { !$0.contains(" -") && ($0.contains(key) || key.contains($0)) && !$0.isEmpty }
                .max { $0.count < $1.count }
            if let c = closest, let r = rules["\(e.doc)\t\(c)"] { return "\tclosest: \(c) (\(r.joined(separator: ",")))" }
            return "\tclosest: none"
        }
        return ""
    }
}

/// `evaluate --format json`: the figures as one JSON object.
enum EvaluationJSON {
    static func documents(_ r: DocumentScorer.Report) -> String {
        func field(_ t: DocumentScorer.Tally) -> String {
            "{\"correct\":\(t.correct),\"stated\":\(t.stated),\"accuracy\":\(t.stated > 0 ? "\(t.accuracy)" : "null"),\"invented\":\(t.invented)}"
        }
        return "{\"published\":\(field(r.published)),\"outlet\":\(field(r.outlet))}"
    }

    static func render(_ r: Scorer.Report, documents: DocumentScorer.Report? = nil) -> String {
        func prf(_ t: Scorer.Tally, counts: Bool) -> String {
            let (p, rc, f) = t.prf
            var s = "{\"p\":\(p),\"r\":\(rc),\"f\":\(f)"
            if counts { s += ",\"tp\":\(t.tp),\"fp\":\(t.fp),\"fn\":\(t.fn)" }
            return s + "}"
        }
        func group(_ g: [String: Scorer.Tally]) -> String {
            "{" + g.keys.sorted().map { "\(JSONString.quote($0)):\(prf(g[$0] ?? Scorer.Tally(tp: 0, fp: 0, fn: 0), counts: true))" }.joined(separator: ",") + "}"
        }
        let role = r.roleTotal > 0 ? "\(Double(r.roleCorrect) / Double(r.roleTotal))" : "null"
        let amount = r.amountTotal > 0 ? "\(Double(r.amountCorrect) / Double(r.amountTotal))" : "null"
        return "{\"entity\":\(prf(Scorer.Report.total(r.entities), counts: false)),\"relation\":\(prf(Scorer.Report.total(r.relations), counts: false)),"
            + "\"entity_untyped\":\(prf(r.untyped, counts: false)),\"by_type\":\(group(r.entities)),\"by_predicate\":\(group(r.relations)),"
            + "\"role_accuracy\":\(role),\"amount_accuracy\":\(amount)"
            + (documents.map { ",\"documents\":" + Self.documents($0) } ?? "") + "}"
    }
}
