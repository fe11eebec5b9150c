import ArgumentParser
import Foundation
import GuanxiExtraction
import GuanxiText

/// Options every command that extracts shares.
struct ExtractionOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("A folder of rule files that extend the built-in rules.", valueName: "dir"))
    var rules: String?

    @Option(name: .long, help: ArgumentHelp("A folder with china-county.tsv / zhejiang.tsv replacing the built-in gazetteer.", valueName: "dir"))
    var gazetteer: String?

    func makeExtractor() throws -> Extractor {
        do {
            return try Extractor.standard(rulesDirectory: rules, gazetteerDirectory: gazetteer)
        } catch let error as RuleFileError {
            Terminal.err(error.description)
            throw ExitCode(2)
        }
    }
}

/// What `extract` prints: JSON lines (the shape of docs/ONTOLOGY.md) or a table for people.
enum ExtractFormat: String, ExpressibleByArgument, CaseIterable {
    case jsonl, table
}

/// What a command that prints a table or a summary offers: the table, or one JSON object.
enum TableFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json
}

/// What `build` prints when it is done: one line of text, or one JSON object.
enum SummaryFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

struct Extract: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Extract entities and relations from articles.",
        discussion: "Prints one JSON line per entity and per relation (the shape of docs/ONTOLOGY.md), or a table for people to read."
    )

    @Argument(help: ArgumentHelp("Article files, or folders of .txt articles.", valueName: "file|dir"))
    var paths: [String]

    @Option(name: .long, help: "Output format: jsonl or table.")
    var format: ExtractFormat = .jsonl

    @Flag(name: .long, help: "Print each fact with its sentence and the rule that fired.")
    var explain = false

    @OptionGroup var options: ExtractionOptions

    @Option(name: .long, help: "Extraction threads (default: the number of cores); the output is in file order, the same whatever N is.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    func validate() throws {
        guard (1...256).contains(jobs) else { throw ValidationError("--jobs takes 1 to 256, not \(jobs)") }
    }

    /// What a worker made of one file: its output, or what to say about it instead.
    enum Outcome {
        case printed(Data, characters: Int)
        case empty
        case failed(TextError)
    }

    func run() throws {
        let extractor = try options.makeExtractor()
        let (files, problems) = InputFiles.expand(paths)
        for p in problems { Terminal.err(p.description) }
        var failed = !problems.isEmpty
        let out = FileHandle.standardOutput
        // Each file is read, extracted and rendered on a worker; this thread prints them
        // in file order.
        let (explain, format) = (explain, format)
        let workers = OrderedWorkers(count: files.count, jobs: jobs) { index -> Outcome in
            Self.render(files[index], extractor: extractor, explain: explain, format: format)
        }
        defer { workers.cancel() }
        let sizes = files.map(FileSize.of)
        var progress = ProgressBar(total: files.count, totalBytes: sizes.reduce(0, +), besideOutput: true)
        var bytes = 0, characters = 0
        for (i, file) in files.enumerated() {
            switch workers.take(i) {
            case .printed(let data, let count):
                out.write(data)
                characters += count
            case .empty:
                progress.finish()
                Terminal.err("warning: \(file): empty file, nothing to extract")
            case .failed(let error):
                progress.finish()
                Terminal.err(error.description)
                failed = true
            }
            bytes += sizes[i]
            progress.update(done: i + 1, bytes: bytes, characters: characters)
        }
        progress.finish()
        if failed { throw ExitCode(1) }
    }

    /// The output for one file, as `--explain` or `format` asks.
    static func render(_ file: String, extractor: Extractor, explain: Bool, format: ExtractFormat) -> Outcome {
        let source: SourceText
        switch InputFiles.read(file) {
        case .empty: return .empty
        case .failed(let error): return .failed(error)
        case .text(let text): source = text
        }
        let result = extractor.extract(source)
        let text: String
        if explain {
            text = Explain.render(result)
        } else {
            switch format {
            case .jsonl: text = JSONLines.lines(for: result).joined(separator: "\n")
            case .table: text = Self.table(result)
            }
        }
        return .printed(text.isEmpty ? Data() : Data((text + "\n").utf8), characters: source.scalars.count)
    }

    static func table(_ r: DocumentExtraction) -> String {
        var out = r.source.name + "\n"
        let rows = r.entities.map { e in
            [e.type.rawValue, e.name, e.aliases.joined(separator: "、"), "\(e.mentions.count)", e.rules.first ?? ""]
        }
        out += Terminal.table(["type", "name", "aliases", "mentions", "rule"], rows)
        if !r.relations.isEmpty {
            let rel = r.relations.map { x in
                [r.entities[x.subject].name, x.predicate.rawValue, r.entities[x.object].name, x.role ?? x.amount ?? "", x.evidence.rule]
            }
            out += "\n\n" + Terminal.table(["subject", "predicate", "object", "role/amount", "rule"], rel)
        }
        return out + "\n"
    }
}

/// `--explain`: every fact with its sentence and rule.
enum Explain {
    static func render(_ r: DocumentExtraction) -> String {
        var out: [String] = []
        for x in r.relations {
            let s = r.entities[x.subject].name, o = r.entities[x.object].name
            var head = "\(r.source.name):\(r.source.line(of: x.evidence.start))  \(s) -\(x.predicate.rawValue)-> \(o)"
            if let role = x.role { head += "  role=\(role)" }
            if let amount = x.amount { head += "  amount=\(amount)" }
            if let y = x.amountYuan { head += "  amount_yuan=\(JSONLines.formatNumber(y))" }
            out.append(head)
            out.append("    rule:     \(x.evidence.rule)")
            out.append("    evidence: \(r.text(x.evidence))  [\(x.evidence.start), \(x.evidence.end))")
            if x.evidence.sentence < r.sentences.count {
                let sent = r.sentences[x.evidence.sentence]
                out.append("    sentence: \(r.source.text(sent.start..<sent.end).replacingOccurrences(of: "\n", with: ""))")
            }
        }
        return out.joined(separator: "\n")
    }
}
