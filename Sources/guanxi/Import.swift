import ArgumentParser
import Foundation
import GuanxiImport
import GuanxiStore
import GuanxiText

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Read a graph into the store: GraphML from Guanxi, NetworkX, Gephi, yEd or Cytoscape, or Guanxi's JSON lines.",
        discussion: """
            Attributes map by name: label or name is the name, type the labels (comma-separated), and on edges relation \
            (else label, interaction or type) the relation; every other attribute is kept under its own name and type. \
            Nodes with a gazetteer code, or a type and a name (persons aside), join the store's node of the same identity. \
            What cannot be mapped (drawings, hyperedges, ports, graph-level data) is listed, never dropped silently. \
            JSON lines (guanxi extract --format jsonl, guanxi export --jsonl) give the store what build of the same \
            articles would, short of their texts. Each file is one transaction: a malformed file stores nothing and the error names its line. \
            Importing the same file again changes nothing.
            """
    )

    @Argument(help: ArgumentHelp("GraphML or JSON-lines files (told apart by their first character).", valueName: "file"))
    var files: [String]

    @Option(name: .long, help: "Summary format: text or json.")
    var format: SummaryFormat = .text

    @OptionGroup var store: StoreOptions

    func run() throws {
        let graph = try store.open(create: true)
        var failed = 0
        var lines: [String] = []
        for file in files {
            var bar = ProgressBar(total: 1, totalBytes: FileSize.of(file))
            let progress = { (step: ImportProgress) in
                switch step {
                case .reading(let bytes, let nodes, let edges):
                    bar.update(reached: bytes, detail: "\(nodes) nodes, \(edges) edges  \((file as NSString).lastPathComponent)")
                case .indexing:
                    bar.show("building indexes… ")
                }
            }
            do {
                let summary = try Self.isJSONLines(file)
                    ? JSONLinesImporter(store: graph, progress: progress).importFile(file)
                    : GraphMLImporter(store: graph, progress: progress).importFile(file)
                bar.finish()
                if format == .json {
                    lines.append("{\"file\":\(JSONString.quote(file)),\"unchanged\":\(summary.unchanged),\"nodes\":\(summary.nodes),\"merged\":\(summary.merged),\"edges\":\(summary.edges),\"notes\":[\(summary.notes.map(JSONString.quote).joined(separator: ","))]}")
                } else if summary.unchanged {
                    Terminal.out("\(file): imported before, unchanged")
                } else {
                    Terminal.out("\(file): \(summary.nodes) nodes (\(summary.merged) joined nodes already stored), \(summary.edges) edges")
                    for note in summary.notes { Terminal.err("\(file): not mapped: \(note)") }
                }
            } catch let error as ImportError {
                bar.finish()
                Terminal.err(error.description)
                failed += 1
            } catch let error as StoreError {
                bar.finish()
                Terminal.err("\(file): \(error.description)")
                failed += 1
            }
        }
        do { try graph.refreshStatistics() } catch let error as StoreError { Terminal.err(error.description) }
        if format == .json { Terminal.out("[" + lines.joined(separator: ",") + "]") }
        if failed > 0 { throw ExitCode(1) }
    }

    /// True when the file's first non-blank character opens a JSON object (JSON lines);
    /// GraphML opens with `<`.
    static func isJSONLines(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let head = handle.readData(ofLength: 4096)
        return head.first(where: { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }) == UInt8(ascii: "{")
    }
}
