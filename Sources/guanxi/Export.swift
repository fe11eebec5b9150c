import ArgumentParser
import Foundation
import GuanxiExport
import GuanxiStore

extension GraphMLExporter.Flavor: ExpressibleByArgument {}

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the graph as GraphML (Gephi, yEd, Cytoscape, NetworkX, igraph), RDF N-Quads or JSON lines.",
        discussion: "`-` writes to standard output. Filters apply to GraphML; N-Quads and JSON lines hold the whole store."
    )

    @Option(name: .long, help: ArgumentHelp("Write GraphML here.", valueName: "file"))
    var graphml: String?

    @Option(name: .long, help: ArgumentHelp("Write RDF N-Quads here (one named graph per document).", valueName: "file"))
    var nquads: String?

    @Option(name: .long, help: ArgumentHelp("Write the ONTOLOGY's JSON-lines shape here (scorable by eval/score.py).", valueName: "file"))
    var jsonl: String?

    @Option(name: .long, help: ArgumentHelp("Only these entity types (comma-separated).", valueName: "types"))
    var types: String?

    @Option(name: .long, help: ArgumentHelp("Only these relations (comma-separated).", valueName: "relations"))
    var relations: String?

    @Option(name: .long, help: ArgumentHelp("Only the neighbourhood of this entity (name or id).", valueName: "name"))
    var around: String?

    @Option(name: .long, help: "Steps from --around.")
    var depth: Int = 1

    @Option(name: .long, help: "GraphML flavour: plain, or yed for yFiles graphics.")
    var flavor: GraphMLExporter.Flavor = .plain

    @OptionGroup var store: StoreOptions

    func validate() throws {
        if graphml == nil && nquads == nil && jsonl == nil {
            throw ValidationError("Name at least one output: --graphml FILE, --nquads FILE or --jsonl FILE.")
        }
        if [graphml, nquads, jsonl].filter({ $0 == "-" }).count > 1 { throw ValidationError("Only one output can go to standard output (-).") }
        if depth < 1 { throw ValidationError("--depth must be at least 1.") }
        let known = ["leads", "member_of", "belongs_to", "funds"]
        for r in split(relations) where !known.contains(r) {
            FileHandle.standardError.write(Data("guanxi: warning: unknown relation ‘\(r)’ (known: \(known.joined(separator: ", "))); it matches nothing\n".utf8))
        }
    }

    func split(_ s: String?) -> [String] {
        (s ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    func run() throws {
        let graph = try store.open(create: false)
        do {
            var selection = GraphSelection()
            selection.types = Set(split(types))
            selection.relations = Set(split(relations))
            selection.depth = depth
            if let around {
                if let id = Int64(around), try graph.nodeExists(id) {
                    selection.around = [id]
                } else {
                    let candidates = try graph.candidates(named: around)
                    guard !candidates.isEmpty else {
                        let close = try graph.closestNames(to: around)
                        Terminal.err("no entity named ‘\(around)’\(close.isEmpty ? "" : "; did you mean \(close.map { "‘\($0)’" }.joined(separator: ", "))?")")
                        throw ExitCode(1)
                    }
                    selection.around = candidates.map(\.node.id)
                }
            }
            if let graphml {
                let summary = try GraphMLExporter(store: graph, selection: selection, flavor: flavor).write(to: graphml)
                if summary.droppedCharacters > 0 {
                    Terminal.err("dropped \(summary.droppedCharacters) character(s) XML 1.0 forbids (control characters) from names and evidence")
                }
                report("GraphML: \(summary.nodes) nodes, \(summary.edges) edges → \(graphml)")
            }
            if let nquads {
                let n = try NQuadsExporter(store: graph).write(to: nquads)
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
