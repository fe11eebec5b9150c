import ArgumentParser
import Foundation
import GuanxiExport
import GuanxiExtraction
import GuanxiText
import GuanxiStore

extension GraphMLExporter.Flavor: ExpressibleByArgument {}

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the graph as GraphML (Gephi, yEd, Cytoscape, NetworkX, igraph), Neo4j import files, RDF N-Quads or JSON lines.",
        discussion: "`-` writes to standard output. Filters apply to GraphML and Neo4j; N-Quads and JSON lines hold the whole store."
    )

    @Option(name: .long, help: ArgumentHelp("Write GraphML here.", valueName: "file"))
    var graphml: String?

    @Option(name: .long, help: ArgumentHelp("Write RDF N-Quads here (one named graph per document).", valueName: "file"))
    var nquads: String?

    @Option(name: .long, help: ArgumentHelp("Write the JSON lines of docs/ONTOLOGY.md here (scorable by guanxi evaluate).", valueName: "file"))
    var jsonl: String?

    @Option(name: .long, help: ArgumentHelp("Write nodes.csv, relationships.csv (neo4j-admin database import) and import.cypher into this folder.", valueName: "dir"))
    var neo4j: String?

    @Option(name: .long, help: ArgumentHelp("Only these entity types (comma-separated).", valueName: "types"))
    var types: String?

    @Option(name: .long, help: ArgumentHelp("Only these relations (comma-separated).", valueName: "relations"))
    var relations: String?

    @Option(name: .long, help: ArgumentHelp("Only the neighbourhood of this entity (name, alias or #id).", valueName: "name"))
    var around: String?

    @Option(name: .long, help: "Pick candidate N when the --around name is shared by several entities.")
    var pick: Int?

    @Option(name: .long, help: "Steps from --around.")
    var depth: Int = 1

    @Option(name: .long, help: "GraphML flavour: plain, or yed for yFiles graphics.")
    var flavor: GraphMLExporter.Flavor = .plain

    @OptionGroup var store: StoreOptions

    func validate() throws {
        if graphml == nil && nquads == nil && jsonl == nil && neo4j == nil {
            throw ValidationError("Name at least one output: --graphml FILE, --nquads FILE, --jsonl FILE or --neo4j DIR.")
        }
        if neo4j == "-" { throw ValidationError("--neo4j writes three files: name a folder, not -.") }
        if [graphml, nquads, jsonl].filter({ $0 == "-" }).count > 1 { throw ValidationError("Only one output can go to standard output (-).") }
        if depth < 1 { throw ValidationError("--depth must be at least 1.") }
        if let pick, pick < 1 { throw ValidationError("--pick counts from 1.") }
        if pick != nil && around == nil { throw ValidationError("--pick chooses among the entities --around names; give --around too.") }
    }

    /// Each name of `given` must be one of `known` (the ontology's and the store's):
    /// an unknown one would select nothing without a word.
    func check(_ given: [String], known: Set<String>, what option: String) throws {
        for name in given where !known.contains(name) {
            let close = closestWords(to: name, among: known.sorted())
            let hint = close.isEmpty ? "known: \(known.sorted().joined(separator: ", "))" : "did you mean \(close.map { "‘\($0)’" }.joined(separator: ", "))?"
            Terminal.err("\(option) \(name): no such \(option == "--types" ? "entity type" : "relation"); \(hint)")
            throw ExitCode(2)
        }
    }

    func split(_ s: String?) -> [String] {
        (s ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    func run() throws {
        let graph = try store.open(create: false, readOnly: true)
        do {
            var selection = GraphSelection()
            selection.types = Set(split(types))
            selection.relations = Set(split(relations))
            selection.depth = depth
            // Counted once: on a graph of millions of facts each count takes a scan.
            let stats = try graph.stats()
            let labels = Set(EntityType.allCases.map(\.rawValue)).union(stats.entitiesByType.map(\.0))
            let predicates = Set(RelationType.allCases.map(\.rawValue)).union(stats.factsByPredicate.map(\.0))
            try check(split(types), known: labels, what: "--types")
            try check(split(relations), known: predicates, what: "--relations")
            if let around {
                selection.around = [try EntityChoice.resolve(around, in: graph, pick: pick, json: false, db: store.shown)]
            }
            // The whole store's counts measure a whole export; a selection's size is known
            // only once it is written.
            let whole = selection.types.isEmpty && selection.relations.isEmpty && selection.around.isEmpty
            let storeSize = stats.nodes + stats.facts
            if let graphml {
                let bar = ExportProgressLine(total: whole ? storeSize : 0, to: graphml)
                defer { bar.finish() }
                let summary = try GraphMLExporter(store: graph, selection: selection, flavor: flavor, progress: bar.show).write(to: graphml)
                bar.finish()
                if summary.droppedCharacters > 0 {
                    Terminal.err("dropped \(summary.droppedCharacters) character(s) XML 1.0 forbids (control characters) from names and evidence")
                }
                report("GraphML: \(summary.nodes) nodes, \(summary.edges) edges → \(graphml)")
            }
            if let neo4j {
                let bar = ExportProgressLine(total: whole ? storeSize : 0, to: neo4j)
                defer { bar.finish() }
                let summary = try Neo4jExporter(store: graph, selection: selection, progress: bar.show).write(to: neo4j)
                bar.finish()
                report("Neo4j: \(summary.nodes) nodes, \(summary.edges) relationships → \(neo4j)/nodes.csv, relationships.csv, import.cypher")
            }
            if let nquads {
                let bar = ExportProgressLine(total: storeSize, to: nquads)
                defer { bar.finish() }
                let n = try NQuadsExporter(store: graph, progress: bar.show).write(to: nquads)
                bar.finish()
                report("N-Quads: \(n) quads → \(nquads)")
            }
            if let jsonl {
                let n = try JSONLinesExporter(store: graph).write(to: jsonl)
                report("JSON lines: \(n) lines → \(jsonl)")
            }
        } catch let error as ExportError {
            Terminal.err(error.description)
            throw ExitCode(1)
        } catch let error as StoreError {
            Terminal.err(error.description)
            throw ExitCode(1)
        }
    }

    /// Summaries go to stderr when a file went to stdout, so they never mix.
    func report(_ line: String) {
        if [graphml, nquads, jsonl].contains("-") {
            FileHandle.standardError.write(Data((line + "\n").utf8))
        } else {
            Terminal.out(line)
        }
    }
}

/// The progress line of one export: nodes and edges written and, when the whole is
/// known (`total` elements), a bar and the time left. Not drawn among results written
/// to a terminal's stdout.
final class ExportProgressLine {
    private var bar: ProgressBar

    init(total: Int, to output: String) {
        bar = ProgressBar(total: 1, totalBytes: total, besideOutput: output == "-")
    }

    func show(_ done: ExportProgress) {
        bar.update(reached: done.nodes + done.edges, detail: "\(done.nodes) nodes, \(done.edges) edges")
    }

    func finish() { bar.finish() }
}
