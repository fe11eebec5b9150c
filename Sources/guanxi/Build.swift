import ArgumentParser
import Foundation
import GuanxiExtraction
import GuanxiStore
import GuanxiText

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Extract articles and store their entities and facts.",
        discussion: """
            Building the same files again changes nothing (documents are keyed by content); a changed file replaces \
            its own facts. Each document is written in one transaction.
            """
    )

    @Argument(help: ArgumentHelp("Article files, or folders of .txt articles.", valueName: "file|dir"))
    var paths: [String]

    @OptionGroup var store: StoreOptions
    @OptionGroup var options: ExtractionOptions

    @Option(name: .long, help: ArgumentHelp("A file of merge overrides (`force|forbid Type Name` lines).", valueName: "file"))
    var merges: String?

    @Flag(name: .long, help: "Re-extract documents already stored with the same content.")
    var rebuild = false

    @Option(name: .long, help: "Extraction threads (default: the number of cores); one writer stores documents in file order, so the store is the same whatever N is.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(name: .long, help: "Summary format: text or json.")
    var format: SummaryFormat = .text

    func validate() throws {
        guard (1...256).contains(jobs) else { throw ValidationError("--jobs takes 1 to 256, not \(jobs)") }
    }

    func run() throws {
        Interruption.install()
        let extractor = try options.makeExtractor()
        var overrides = MergeOverrides()
        if let merges {
            do { overrides = try MergeOverrides(path: merges) } catch let error as RuleFileError {
                Terminal.err(error.description)
                throw ExitCode(2)
            }
        }
        let (files, problems) = InputFiles.expand(paths)
        for p in problems { Terminal.err(p.description) }
        let graph = try store.open(create: true)
        // A build waits up to 30 s for another writer before giving up with a message.
        graph.database.setBusyTimeout(seconds: 30)
        let sizes = files.map(FileSize.of)
        var progress = ProgressBar(total: files.count, totalBytes: sizes.reduce(0, +))
        var added = 0, unchanged = 0, replaced = 0, failed = 0, skipped = problems.count, entities = 0, facts = 0, bytes = 0
        let start = Date()
        var stopped = false
        // Extractors on every core, one writer taking documents in file order.
        let known = rebuild ? [] : try graph.documentHashes()
        // Into a store without documents, the indexes only readers use are built once
        // at the end (or, should this process be killed, when the store is next opened
        // for writing).
        do {
            try graph.beginBuild()
        } catch let error as StoreError {
            Terminal.err(error.description)
            throw ExitCode(1)
        }
        let pipeline = ExtractionPipeline(files: files, extractor: extractor, known: Set(known), jobs: jobs)
        defer { pipeline.cancel() }
        var characters = 0
        for (i, file) in files.enumerated() {
            if Interruption.isRequested {
                stopped = true
                break
            }
            defer {
                bytes += sizes[i]
                progress.update(done: i + 1, bytes: bytes, characters: characters)
            }
            switch pipeline.take(i) {
            case .empty:
                Terminal.err("warning: \(file): empty file, nothing to extract")
                skipped += 1
            case .unchanged:
                unchanged += 1
            case .failed(let error):
                progress.finish()
                Terminal.err(error.description)
                failed += 1
            case .extracted(let extraction, let count, let hash, let text):
                characters += count
                do {
                    try graph.beginBatch()
                    let counts = try graph.ingest(extraction, contentHash: hash, text: text, gazetteer: extractor.gazetteer,
                                                  overrides: overrides, rebuild: rebuild)
                    // Whole documents are committed together, a batch a second.
                    try graph.commitBatch(after: GraphStore.buildCommitInterval)
                    switch counts.outcome {
                    case .added: added += 1
                    case .unchanged: unchanged += 1
                    case .replaced: replaced += 1
                    }
                    entities += counts.entities
                    facts += counts.facts
                } catch let error as StoreError {
                    progress.finish()
                    Terminal.err(error.description)
                    // The failed document was rolled back; the whole ones before it stay.
                    graph.abandonBuild()
                    throw ExitCode(1)
                }
            }
        }
        progress.finish()
        do {
            try graph.endBuild()
        } catch let error as StoreError {
            Terminal.err(error.description)
            throw ExitCode(1)
        }
        let seconds = Date().timeIntervalSince(start)
        if stopped {
            let stored = added + replaced
            Terminal.err("interrupted: \(stored) document\(stored == 1 ? "" : "s") stored in \(store.shown) (\(unchanged) already there), \(files.count - stored - unchanged - failed - skipped) not read; the store holds whole documents only. Run the same command again to resume: stored documents are skipped.")
            throw ExitCode(130)
        }
        // What the run extracted counts per document; what the store holds counts each
        // node and fact once: both are printed, each named for what it is.
        let held = try? graph.stats()
        if format == .json {
            Terminal.out("{\"documents\":\(files.count),\"added\":\(added),\"unchanged\":\(unchanged),\"replaced\":\(replaced),\"failed\":\(failed),\"skipped\":\(skipped),\"entities_per_document\":\(entities),\"fact_statements\":\(facts),\"store_nodes\":\(held?.nodes ?? 0),\"store_distinct_facts\":\(held?.facts ?? 0),\"seconds\":\(String(format: "%.3f", seconds)),\"db\":\(JSONString.quote(store.shown))}")
        } else {
            var line = String(format: "%d documents (%d added, %d unchanged, %d replaced, %d failed, %d skipped): %d entities and %d fact statements extracted (counted per document) in %.2f s",
                              files.count, added, unchanged, replaced, failed, skipped, entities, facts, seconds)
            if let held { line += "; \(store.shown) holds \(held.nodes) nodes and \(held.facts) distinct facts" }
            Terminal.out(line)
        }
        // Empty files are warned about; unreadable ones and bad paths fail the run.
        if failed > 0 || !problems.isEmpty { throw ExitCode(1) }
    }
}

struct Retract: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Remove documents' facts, and any entity left without support, from the store."
    )

    @Argument(help: ArgumentHelp("Documents by file name, path or content hash.", valueName: "doc"))
    var documents: [String]

    @OptionGroup var store: StoreOptions

    func run() throws {
        let graph = try store.open(create: false)
        var missing = false
        for doc in documents {
            do {
                if try graph.retract(document: doc) {
                    Terminal.out("retracted \(doc)")
                } else {
                    Terminal.err("\(doc): no such document in \(store.shown)")
                    missing = true
                }
            } catch let error as StoreError {
                Terminal.err(error.description)
                throw ExitCode(1)
            }
        }
        if missing { throw ExitCode(1) }
    }
}

struct Stats: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "What the store holds: documents, entities per type, facts per predicate, size.")

    @OptionGroup var store: StoreOptions

    @Option(name: .long, help: "Output format: table or json.")
    var format: TableFormat = .table

    func run() throws {
        let graph = try store.open(create: false, readOnly: true)
        let s: StoreStats
        do { s = try graph.stats() } catch let error as StoreError {
            Terminal.err(error.description)
            throw ExitCode(1)
        }
        if format == .json {
            Terminal.out(s.json)
            return
        }
        var out = "\(store.shown): \(s.documents) documents, \(s.nodes) nodes, \(s.facts) distinct facts, "
        out += "\(s.provenanceRows) provenance rows (one per fact per document), \(s.merges) cross-document merges, "
        out += String(format: "%.1f MB\n\n", Double(s.bytes) / 1e6)
        out += Terminal.table(["label", "nodes"], s.entitiesByType.map { [$0.0, "\($0.1)"] }) + "\n\n"
        out += Terminal.table(["predicate", "distinct facts"], s.factsByPredicate.map { [$0.0, "\($0.1)"] })
        Terminal.out(out)
    }
}
