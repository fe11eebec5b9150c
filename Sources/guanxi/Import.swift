import ArgumentParser
import Foundation
import GuanxiImport
import GuanxiStore
import GuanxiText

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Read a graph that did not come from articles into the store: GraphML from Guanxi, NetworkX, Gephi, yEd or Cytoscape.",
        discussion: """
            Attributes map by name: label or name is the name, type the labels (comma-separated), and on edges relation \
            (else label, interaction or type) the relation; every other attribute is kept under its own name and type. \
            Nodes with a gazetteer code, or a type and a name (persons aside), join the store's node of the same identity. \
            What cannot be mapped (drawings, hyperedges, ports, graph-level data) is listed, never dropped silently. \
            Each file is one transaction: a malformed file stores nothing and the error names its line. \
            Importing the same file again changes nothing.
            """
    )

    @Argument(help: ArgumentHelp("GraphML files.", valueName: "file"))
    var files: [String]

    @Option(name: .long, help: "Summary format: text or json.")
    var format: SummaryFormat = .text

    @OptionGroup var store: StoreOptions

    func run() throws {
        let graph = try store.open(create: true)
        var failed = 0
        var lines: [String] = []
        for file in files {
            do {
                let summary = try GraphMLImporter(store: graph).importFile(file)
                if format == .json {
                    lines.append("{\"file\":\(JSONString.quote(file)),\"unchanged\":\(summary.unchanged),\"nodes\":\(summary.nodes),\"merged\":\(summary.merged),\"edges\":\(summary.edges),\"notes\":[\(summary.notes.map(JSONString.quote).joined(separator: ","))]}")
                } else if summary.unchanged {
                    Terminal.out("\(file): imported before, unchanged")
                } else {
                    Terminal.out("\(file): \(summary.nodes) nodes (\(summary.merged) joined nodes already stored), \(summary.edges) edges")
                    for note in summary.notes { Terminal.err("\(file): not mapped: \(note)") }
                }
            } catch let error as ImportError {
                Terminal.err(error.description)
                failed += 1
            } catch let error as StoreError {
                Terminal.err("\(file): \(error.description)")
                failed += 1
            }
        }
        if format == .json { Terminal.out("[" + lines.joined(separator: ",") + "]") }
        if failed > 0 { throw ExitCode(1) }
    }
}
