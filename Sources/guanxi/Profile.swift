import ArgumentParser
import Foundation
import GuanxiExport
import GuanxiExtraction
import GuanxiStore

enum ProfileFormat: String, ExpressibleByArgument, CaseIterable {
    case text, markdown, json
}

struct Profile: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Everything known about one entity, each fact with the sentence it came from.",
        discussion: "A name matches canonical names and aliases. When several entities share it, a numbered list is printed; pick one with --pick N or by id."
    )

    @Argument(help: ArgumentHelp("An entity name, an alias, or a node id (#83 or 83).", valueName: "name|#id"))
    var entity: String

    @OptionGroup var store: StoreOptions

    @Option(name: .long, help: "Output format: text, markdown or json.")
    var format: ProfileFormat = .text

    @Option(name: .long, help: "Pick candidate N of an ambiguous name.")
    var pick: Int?

    @Option(name: .long, help: ArgumentHelp("Draw the neighbourhood as SVG with Graphviz.", valueName: "file"))
    var svg: String?

    @Option(name: .long, help: "Depth of the neighbourhood drawn with --svg.")
    var depth: Int = 1

    func validate() throws {
        if let pick, pick < 1 { throw ValidationError("--pick counts from 1.") }
        if depth < 1 || depth > 4 { throw ValidationError("--depth must be between 1 and 4.") }
    }

    func run() throws {
        let graph = try store.open(create: false, readOnly: true)
        do {
            let id = try EntityChoice.resolve(entity, in: graph, pick: pick, json: format == .json, db: store.shown)
            let profile = try graph.profile(id)
            switch format {
            case .text: Terminal.out(ProfileText.render(profile, colour: Terminal.stdoutIsTerminal))
            case .markdown: Terminal.out(ProfileText.markdown(profile))
            case .json: Terminal.out(ProfileJSON.render(profile))
            }
            if let svg { try ProfileDrawing.write(graph: graph, center: id, depth: depth, to: svg) }
        } catch let error as StoreError {
            Terminal.err(error.description)
            throw ExitCode(1)
        }
    }
}
